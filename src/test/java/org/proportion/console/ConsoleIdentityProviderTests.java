package org.proportion.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.proportion.support.Axe;
import org.proportion.support.Browsers;
import org.proportion.support.GatewayTestSupport;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console signs people in through the partnership's identity provider when one is registered:
 * a real OIDC provider (discovery, keys, authorisation and token endpoints, served in-process) and
 * the real authorisation-code flow over HTTP. The role the provider names is the role the person
 * holds, read the way the API reads bearer tokens.
 */
class ConsoleIdentityProviderTests extends GatewayTestSupport {

	static final Provider PROVIDER = new Provider();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		embeddedDefaults(registry);
		String prefix = "spring.security.oauth2.client.";
		registry.add(prefix + "registration.partnership.client-id", () -> "proportion-console");
		registry.add(prefix + "registration.partnership.client-secret", () -> "console-secret");
		registry.add(prefix + "registration.partnership.client-name", () -> "Riverside Partnership");
		registry.add(prefix + "registration.partnership.scope", () -> "openid");
		registry.add(prefix + "registration.partnership.provider", () -> "partnership");
		registry.add(prefix + "provider.partnership.issuer-uri", PROVIDER::issuer);
	}

	@AfterAll
	static void stopProvider() {
		PROVIDER.server.stop(0);
	}

	@LocalServerPort
	int port;

	@Test
	void theSignInPageOffersThePartnershipsProviderBesideTheForm() throws Exception {
		Browser browser = new Browser();
		String page = browser.get("/login").body();
		assertThat(page).contains("Sign in with Riverside Partnership").contains("href=\"/oauth2/authorization/partnership\"");
		assertThat(page).contains("id=\"username\"").contains("id=\"password\"");
	}

	@Test
	void aDpoSignsInThroughTheProviderInARealBrowserAndTheSignInPagePassesAxe() {
		PROVIDER.nextPerson("dpo-person", "DPO");
		WebDriver browser = Browsers.chromium();
		try {
			browser.get("http://127.0.0.1:" + port + "/login");
			Axe.assertNoViolations(browser, "console-login-oidc");
			Browsers.screenshot(browser, "console-login-oidc");
			browser.findElement(By.linkText("Sign in with Riverside Partnership")).click();
			new WebDriverWait(browser, java.time.Duration.ofSeconds(60)).until(d -> d.getCurrentUrl().endsWith("/console"));
			assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Proportion console");
			browser.findElement(By.linkText("Simulator")).click();
			new WebDriverWait(browser, java.time.Duration.ofSeconds(60))
				.until(d -> d.getCurrentUrl().endsWith("/console/dpo/simulator"));
			assertThat(browser.findElement(By.tagName("h1")).getText()).isNotBlank();
		}
		finally {
			browser.quit();
		}
	}

	@Test
	void aDpoTheProviderVouchesForLandsOnTheDpoPages() throws Exception {
		Browser browser = signedInThroughProvider("dpo-person", "dpo");
		HttpResponse<String> home = browser.get("/console");
		assertThat(home.statusCode()).isEqualTo(200);
		assertThat(home.body()).contains("href=\"/console/dpo");
		HttpResponse<String> dpo = browser.get("/console/dpo/people");
		assertThat(dpo.statusCode()).isEqualTo(200);
		assertThat(dpo.body()).contains("<h1");
		assertThat(browser.get("/console/meetings").statusCode()).isEqualTo(403);
	}

	@Test
	void anOrganiserTheProviderVouchesForIsRefusedTheDpoPages() throws Exception {
		Browser browser = signedInThroughProvider("organiser-person", "ADMIN");
		assertThat(browser.get("/console/meetings").statusCode()).isEqualTo(200);
		assertThat(browser.get("/console/dpo/people").statusCode()).isEqualTo(403);
	}

	@Test
	void someoneWithNoRoleTheConsoleKnowsGetsNoPage() throws Exception {
		Browser browser = signedInThroughProvider("stranger", "superuser");
		assertThat(browser.get("/console").statusCode()).isEqualTo(403);
		assertThat(browser.get("/console/dpo/people").statusCode()).isEqualTo(403);
	}

	/** Clicks "Sign in with …" and follows every redirect through the provider and back. */
	Browser signedInThroughProvider(String subject, String role) throws Exception {
		PROVIDER.nextPerson(subject, role);
		Browser browser = new Browser();
		HttpResponse<String> toProvider = browser.get("/oauth2/authorization/partnership");
		assertThat(toProvider.statusCode()).isEqualTo(302);
		String authorize = toProvider.headers().firstValue("Location").orElseThrow();
		assertThat(authorize).startsWith(PROVIDER.issuer() + "/authorize");
		HttpResponse<String> back = browser.absolute(authorize);
		assertThat(back.statusCode()).isEqualTo(302);
		HttpResponse<String> signedIn = browser.absolute(back.headers().firstValue("Location").orElseThrow());
		assertThat(signedIn.statusCode()).isEqualTo(302);
		assertThat(signedIn.headers().firstValue("Location").orElseThrow()).endsWith("/console");
		return browser;
	}

	/** A cookie-keeping HTTP client that does not follow redirects, so each step can be seen. */
	class Browser {

		final HttpClient client = HttpClient.newBuilder()
			.cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();

		HttpResponse<String> get(String path) throws Exception {
			return absolute("http://localhost:" + port + path);
		}

		HttpResponse<String> absolute(String url) throws Exception {
			return client.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
		}

	}

	/**
	 * A small but real OIDC provider: it publishes its discovery document and signing key, answers
	 * the authorisation request at once for the person the test names (as if they had signed in
	 * there), and exchanges the code for an ID token carrying the nonce, audience and roles claim.
	 */
	static final class Provider {

		final KeyPair keys = keyPair();

		final HttpServer server;

		final Map<String, Map<String, String>> codes = new ConcurrentHashMap<>();

		volatile String subject;

		volatile String role;

		Provider() {
			try {
				server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			server.createContext("/.well-known/openid-configuration", this::discovery);
			server.createContext("/jwks", exchange -> send(exchange, 200, new JWKSet(
					new RSAKey.Builder((RSAPublicKey) keys.getPublic()).keyID("partnership").build()).toString()));
			server.createContext("/authorize", this::authorize);
			server.createContext("/token", this::token);
			server.start();
		}

		String issuer() {
			return "http://127.0.0.1:" + server.getAddress().getPort();
		}

		void nextPerson(String subject, String role) {
			this.subject = subject;
			this.role = role;
		}

		void discovery(HttpExchange exchange) throws IOException {
			String issuer = issuer();
			send(exchange, 200, """
					{"issuer":"%1$s","authorization_endpoint":"%1$s/authorize","token_endpoint":"%1$s/token",
					"jwks_uri":"%1$s/jwks","subject_types_supported":["public"],"response_types_supported":["code"],
					"id_token_signing_alg_values_supported":["RS256"],
					"token_endpoint_auth_methods_supported":["client_secret_basic"]}""".formatted(issuer));
		}

		void authorize(HttpExchange exchange) throws IOException {
			Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
			String code = UUID.randomUUID().toString();
			Map<String, String> grant = new LinkedHashMap<>(query);
			grant.put("sub", subject);
			grant.put("role", role);
			codes.put(code, grant);
			exchange.getResponseHeaders().add("Location", query.get("redirect_uri") + "?code=" + code + "&state="
					+ URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8));
			exchange.sendResponseHeaders(302, -1);
			exchange.close();
		}

		void token(HttpExchange exchange) throws IOException {
			Map<String, String> body = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
			Map<String, String> grant = codes.remove(body.get("code"));
			String authorization = exchange.getRequestHeaders().getFirst("Authorization");
			if (grant == null || authorization == null || !authorization.startsWith("Basic ")) {
				send(exchange, 400, "{\"error\":\"invalid_grant\"}");
				return;
			}
			Instant now = Instant.now();
			JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer())
				.subject(grant.get("sub"))
				.audience(grant.get("client_id"))
				.issueTime(Date.from(now))
				.expirationTime(Date.from(now.plusSeconds(300)))
				.claim("nonce", grant.get("nonce"))
				.claim("roles", List.of(grant.get("role")))
				.build();
			SignedJWT token = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("partnership").build(), claims);
			try {
				token.sign(new RSASSASigner(keys.getPrivate()));
			}
			catch (JOSEException ex) {
				throw new IllegalStateException(ex);
			}
			send(exchange, 200, """
					{"access_token":"%s","token_type":"Bearer","expires_in":300,"scope":"openid","id_token":"%s"}"""
				.formatted(UUID.randomUUID(), token.serialize()));
		}

		static Map<String, String> form(String encoded) {
			Map<String, String> values = new LinkedHashMap<>();
			Matcher pair = Pattern.compile("([^&=]+)=([^&]*)").matcher(encoded == null ? "" : encoded);
			while (pair.find()) {
				values.put(URLDecoder.decode(pair.group(1), StandardCharsets.UTF_8),
						URLDecoder.decode(pair.group(2), StandardCharsets.UTF_8));
			}
			return values;
		}

		static void send(HttpExchange exchange, int status, String json) throws IOException {
			byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(status, bytes.length);
			exchange.getResponseBody().write(bytes);
			exchange.close();
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

}
