package org.proportion.access;

import java.util.List;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.security.oauth2.resource.OAuth2ResourceServerProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * Who may call what. Attendee views (/v/{token}) are open to whoever holds a valid link: the
 * controller checks the token. Everything else needs an account with the right role, and
 * anything not listed is refused.
 */
@Configuration
@ConditionalOnWebApplication
class SecurityConfig {

	// Views hold no scripts; this also stops any script an escaping bug might let through.
	private static final String CONTENT_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
			+ "frame-ancestors 'none'; form-action 'none'; base-uri 'none'";

	/**
	 * Attendee views: GET /v/** only, open to the link's holder (the controller checks the token).
	 * They carry no session, credentials, form or redirect to remember, so this chain has only what
	 * a view needs (the response headers: no scripts, no framing, no referrer) and none of the
	 * session, request-cache, anonymous, logout and exception filters the API's chain runs; an
	 * opening is the request many attendees make at once before a meeting.
	 */
	@Bean
	@Order(0)
	SecurityFilterChain attendeeViewChain(HttpSecurity http) throws Exception {
		http.securityMatcher(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, "/v/**"))
			.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
			.csrf(csrf -> csrf.disable())
			.sessionManagement(session -> session.disable())
			.requestCache(cache -> cache.disable())
			.securityContext(context -> context.disable())
			.anonymous(anonymous -> anonymous.disable())
			.logout(logout -> logout.disable())
			.servletApi(api -> api.disable())
			.exceptionHandling(errors -> errors.disable())
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_POLICY))
				.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER)));
		return http.build();
	}

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, ObjectProvider<JwtDecoder> identityProvider,
			@Value("${proportion.security.oidc.roles-claim:roles}") String rolesClaim,
			ObjectProvider<OAuth2ResourceServerProperties> resourceServer) throws Exception {
		// Boot's own binding of spring.security.oauth2.resourceserver.jwt.audiences (any form: a
		// list in YAML, indexed environment variables), the one its token decoder checks.
		OAuth2ResourceServerProperties configured = resourceServer.getIfAvailable();
		requireAudiences(identityProvider.getIfAvailable() != null,
				configured == null ? List.of() : configured.getJwt().getAudiences());
		// GET /v/** is the attendee view chain's (above); any other method there is refused below.
		http.authorizeHttpRequests(requests -> requests.requestMatchers("/error")
			.permitAll()
			// OPA's bundle service: the validated policies, no personal data (see BundleEndpoint).
			.requestMatchers(HttpMethod.GET, "/opa/bundles/**")
			.permitAll()
			.requestMatchers(HttpMethod.POST, "/api/intake/{agency}")
			.access(ownAgencyOrAdmin())
			.requestMatchers("/api/decision-log/**", "/api/dpo/**")
			.hasRole("DPO")
			.requestMatchers("/api/**")
			.hasRole("ADMIN")
			// Operations: health status is open (details only to an account, see application.properties);
			// metrics and the API description need an account. No other actuator endpoint is served.
			.requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**")
			.permitAll()
			.requestMatchers(HttpMethod.GET, "/actuator/prometheus")
			.hasAnyRole("ADMIN", "DPO")
			.requestMatchers(HttpMethod.GET, "/v3/api-docs", "/v3/api-docs/**")
			.authenticated()
			.anyRequest()
			.denyAll())
			// 401 without a WWW-Authenticate challenge: browsers never prompt for, and so never cache
			// and replay, API credentials, so a cross-site form cannot ride on them (no CSRF).
			.httpBasic(basic -> basic.authenticationEntryPoint(
					(request, response, ex) -> response.sendError(HttpServletResponse.SC_UNAUTHORIZED)))
			.exceptionHandling(errors -> errors.authenticationEntryPoint(
					(request, response, ex) -> response.sendError(HttpServletResponse.SC_UNAUTHORIZED)))
			// Stateless API called with credentials on each request, and GET-only views.
			.csrf(csrf -> csrf.disable())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_POLICY))
				// A link must not travel in a Referer header to any other site.
				.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER)));
		// With the partnership's identity provider configured (spring.security.oauth2.resourceserver.jwt.*),
		// its bearer tokens are accepted too; their roles claim must name ADMIN, DPO or AGENCY.
		if (identityProvider.getIfAvailable() != null) {
			http.oauth2ResourceServer(oauth -> oauth.jwt(jwt -> jwt.jwtAuthenticationConverter(roles(rolesClaim))));
		}
		return http.build();
	}

	/**
	 * A partnership's identity provider issues tokens for many applications, often with the same
	 * role names: without an audience to check, a token issued for another of them that says
	 * "admin" would open this gateway's API as its admin. So the gateway does not start with a
	 * provider and no audience.
	 */
	static void requireAudiences(boolean identityProvider, List<String> audiences) {
		if (identityProvider && (audiences == null || audiences.stream().allMatch(a -> a == null || a.isBlank()))) {
			throw new IllegalStateException("An identity provider is configured without an audience: set"
					+ " spring.security.oauth2.resourceserver.jwt.audiences to Proportion's client id, so that tokens"
					+ " issued for other applications are refused");
		}
	}

	static Converter<Jwt, AbstractAuthenticationToken> roles(String claim) {
		return jwt -> new JwtAuthenticationToken(jwt, PartnershipRoles.authorities(jwt.getClaimAsStringList(claim)),
				jwt.getSubject());
	}

	/** An agency account may send only its own agency's records; admin may send any. */
	static AuthorizationManager<RequestAuthorizationContext> ownAgencyOrAdmin() {
		return (authentication, context) -> {
			Authentication who = authentication.get();
			boolean admin = has(who, "ROLE_ADMIN");
			boolean own = has(who, "ROLE_AGENCY") && who.getName().equals(context.getVariables().get("agency"));
			return new AuthorizationDecision(who.isAuthenticated() && (admin || own));
		};
	}

	private static boolean has(Authentication who, String role) {
		return who != null && who.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals(role));
	}

	/**
	 * Spring Security makes no observations of its own (the request metric, http.server.requests,
	 * stays). Otherwise every filter of every request is wrapped in an observation, even when a
	 * predicate then drops it: in JFR samples of the views bench the wrapping alone was a few per
	 * cent of an attendee view's CPU.
	 */
	@Bean
	SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	// The accounts that sign in with a password. Not a bean of its own: Spring Security's one
	// password sign-in is the provider below, which checks against these.
	static UserDetailsService users(Credentials credentials, PasswordEncoder encoder) {
		InMemoryUserDetailsManager users = new InMemoryUserDetailsManager(
				User.withUsername("admin").password(encoder.encode(credentials.admin())).roles("ADMIN").build(),
				User.withUsername("dpo").password(encoder.encode(credentials.dpo())).roles("DPO").build());
		credentials.agencies()
			.forEach((agency, password) -> users
				.createUser(User.withUsername(agency).password(encoder.encode(password)).roles("AGENCY").build()));
		return users;
	}

	/**
	 * How a password sign-in is checked, for the API and the console alike (Spring Security
	 * builds its one password sign-in from this bean): against the accounts above, each check
	 * taking one of the name's places, and none while the name is locked ({@link SignInThrottle}).
	 */
	@Bean
	AuthenticationProvider passwordSignIn(Credentials credentials, PasswordEncoder encoder, SignInThrottle throttle) {
		DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(users(credentials, encoder));
		passwords.setPasswordEncoder(encoder);
		return new AuthenticationProvider() {

			@Override
			public Authentication authenticate(Authentication attempt) {
				return throttle.check(attempt.getName(), () -> passwords.authenticate(attempt));
			}

			@Override
			public boolean supports(Class<?> type) {
				return passwords.supports(type);
			}

		};
	}

}
