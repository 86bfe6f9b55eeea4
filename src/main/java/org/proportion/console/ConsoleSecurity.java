package org.proportion.console;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * The console's own filter chain, ahead of the API's: people sign in with a form and then hold a
 * session cookie, so every form that changes something carries a CSRF token (the API keeps its
 * stateless accounts and needs none). The accounts are the API's (admin: organiser, dpo: DPO).
 * Anything under /console not listed here is refused.
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
	SecurityFilterChain consoleChain(HttpSecurity http) throws Exception {
		http.securityMatcher("/console", "/console/**", "/login", "/logout")
			.authorizeHttpRequests(requests -> requests.requestMatchers(HttpMethod.GET, "/console/console.css")
				.permitAll()
				.requestMatchers("/login")
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
		return http.build();
	}

}
