package org.proportion.access;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.proportion.support.GatewayTestSupport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A partnership's own identity provider: its signed tokens (here signed by a key the test
 * generates, as an OIDC provider would) open the API for the roles they name, and nothing else.
 */
class IdentityProviderTests extends GatewayTestSupport {

	static final KeyPair PROVIDER = keyPair();

	static final KeyPair STRANGER = keyPair();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		embeddedDefaults(registry);
		registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", IdentityProviderTests::publicKeyFile);
		registry.add("spring.security.oauth2.resourceserver.jwt.audiences", () -> "proportion");
	}

	@Autowired
	TestRestTemplate rest;

	int status(String token, String path) {
		HttpHeaders headers = new HttpHeaders();
		headers.setBearerAuth(token);
		return rest.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class).getStatusCode().value();
	}

	@Test
	void aTokenFromTheProviderOpensWhatItsRolesAllow() {
		assertThat(status(token(PROVIDER, List.of("dpo"), 300), "/api/decision-log/verification")).isEqualTo(200);
		assertThat(status(token(PROVIDER, List.of("agency"), 300), "/api/decision-log/verification")).isEqualTo(403);
		assertThat(status(token(PROVIDER, List.of("superuser"), 300), "/api/dpo/retention")).isEqualTo(403);
	}

	@Test
	void aTokenTheProviderIssuedForAnotherApplicationOpensNothing() {
		assertThat(status(token(PROVIDER, List.of("admin"), 300, "case-management"), "/api/dpo/retention")).isEqualTo(401);
		assertThat(status(token(PROVIDER, List.of("dpo"), 300, "case-management"), "/api/decision-log/verification"))
			.isEqualTo(401);
		// And a gateway given a provider but no audience to check does not start.
		assertThatThrownBy(() -> SecurityConfig.requireAudiences(true, List.of())).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("audiences");
		SecurityConfig.requireAudiences(false, List.of());
	}

	@Test
	void aForeignExpiredOrMangledTokenOpensNothing() {
		assertThat(status(token(STRANGER, List.of("dpo"), 300), "/api/decision-log/verification")).isEqualTo(401);
		assertThat(status(token(PROVIDER, List.of("dpo"), -60), "/api/decision-log/verification")).isEqualTo(401);
		assertThat(status(token(PROVIDER, List.of("dpo"), 300) + "x", "/api/decision-log/verification")).isEqualTo(401);
	}

	@Test
	void withTheProviderConfiguredTheApiDescriptionOffersItsBearerTokensBesideBasic() throws Exception {
		HttpHeaders headers = new HttpHeaders();
		headers.setBearerAuth(token(PROVIDER, List.of("admin"), 300));
		ResponseEntity<String> answer = rest.exchange("/v3/api-docs", HttpMethod.GET, new HttpEntity<>(headers), String.class);
		assertThat(answer.getStatusCode().value()).isEqualTo(200);
		JsonNode docs = new ObjectMapper().readTree(answer.getBody());
		JsonNode bearer = docs.at("/components/securitySchemes/bearerAuth");
		assertThat(bearer.path("scheme").asText()).isEqualTo("bearer");
		assertThat(bearer.path("bearerFormat").asText()).isEqualTo("JWT");
		List<String> schemes = new java.util.ArrayList<>();
		docs.at("/paths/~1api~1decision-log~1verification/get/security")
			.forEach(requirement -> requirement.fieldNames().forEachRemaining(schemes::add));
		assertThat(schemes).containsExactly("basicAuth", "bearerAuth");
	}

	static String token(KeyPair key, List<String> roles, long lifetimeSeconds) {
		return token(key, roles, lifetimeSeconds, "proportion");
	}

	static String token(KeyPair key, List<String> roles, long lifetimeSeconds, String audience) {
		try {
			JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("someone@partnership.example")
				.issuer("https://idp.partnership.example")
				.audience(audience)
				.claim("roles", roles)
				.issueTime(new Date())
				.expirationTime(Date.from(Instant.now().plusSeconds(lifetimeSeconds)))
				.build();
			SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
			jwt.sign(new RSASSASigner((RSAPrivateKey) key.getPrivate()));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String publicKeyFile() {
		try {
			Path pem = Files.createTempFile("idp", ".pem");
			Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n"
					+ Base64.getMimeEncoder().encodeToString(PROVIDER.getPublic().getEncoded())
					+ "\n-----END PUBLIC KEY-----\n");
			return "file:" + pem;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static KeyPair keyPair() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
