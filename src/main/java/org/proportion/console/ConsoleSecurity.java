package org.proportion.console;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.proportion.access.PartnershipRoles;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * The console's own filter chain, ahead of the API's: people sign in with a form and then hold a
 * session cookie, so every form that changes something carries a CSRF token (the API keeps its
 * stateless accounts and needs none). The accounts are the API's (admin: organiser, dpo: DPO).
 * Anything under /console not listed here is refused.
 *
 * <p>When the partnership's identity provider is registered as an OIDC client
 * ({@code spring.security.oauth2.client.registration.partnership.*}), the sign-in page also offers
 * it; its roles claim is read by {@link PartnershipRoles}, exactly as the API reads its bearer
 * tokens, so nobody holds a different role in the console than in the API. Without a registration
 * the console signs in with the form alone, as before.
 */
@Configuration
@ConditionalOnWebApplication
class ConsoleSecurity {

	/**
	 * Like the views' policy, no script may run; styles come from the console's own file (inline
	 * styles are allowed only because the existing subject access report carries its own), and
	 * forms may post only back to the gateway.
	 */
	static final String CONTENT_POLICY = "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
			+ "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

	@Bean
	@Order(1)
	SecurityFilterChain consoleChain(HttpSecurity http, ObjectProvider<ClientRegistrationRepository> identityProvider,
			@Value("${proportion.security.oidc.roles-claim:roles}") String rolesClaim) throws Exception {
		http.securityMatcher("/console", "/console/**", "/login", "/logout", "/oauth2/authorization/**",
				"/login/oauth2/code/**")
			.authorizeHttpRequests(requests -> requests.requestMatchers(HttpMethod.GET, "/console/console.css")
				.permitAll()
				.requestMatchers("/login", "/oauth2/authorization/**", "/login/oauth2/code/**")
				.permitAll()
				.requestMatchers("/console/meetings", "/console/meetings/**")
				.hasRole("ADMIN")
				.requestMatchers("/console/dpo", "/console/dpo/**")
				.hasRole("DPO")
				.requestMatchers(HttpMethod.GET, "/console")
				.hasAnyRole("ADMIN", "DPO")
				.anyRequest()
				.denyAll())
			.formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/console", true).permitAll())
			.logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?signedout"))
			// A new session on sign-in (fixation), and the cookie is HttpOnly and SameSite=Lax (see
			// application.properties); CSRF tokens live in the session.
			.sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()))
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_POLICY))
				.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER)));
		if (identityProvider.getIfAvailable() != null) {
			http.oauth2Login(oidc -> oidc.loginPage("/login")
				.defaultSuccessUrl("/console", true)
				.failureUrl("/login?error")
				.userInfoEndpoint(user -> user.oidcUserService(partnershipRoles(rolesClaim))));
		}
		return http.build();
	}

	/**
	 * The signed-in person as the provider vouches for them, holding only the roles its claim names
	 * (read from the ID token, or user info when the provider serves it); the provider's own scopes
	 * grant nothing here.
	 */
	static OAuth2UserService<OidcUserRequest, OidcUser> partnershipRoles(String rolesClaim) {
		OidcUserService provider = new OidcUserService();
		return request -> {
			OidcUser person = provider.loadUser(request);
			List<String> names = person.getClaimAsStringList(rolesClaim);
			Set<GrantedAuthority> roles = new HashSet<>(PartnershipRoles.authorities(names));
			return person.getUserInfo() == null ? new DefaultOidcUser(roles, person.getIdToken())
					: new DefaultOidcUser(roles, person.getIdToken(), person.getUserInfo());
		};
	}

}
