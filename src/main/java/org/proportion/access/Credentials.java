package org.proportion.access;

import java.security.SecureRandom;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;

/**
 * Passwords of the three built-in API accounts: admin (intake, pack builds, links), dpo
 * (decision log, view log, retention) and agency (intake only). Unset ones are generated at
 * start and shown once, as Spring Boot does for its default user.
 */
@Component
@ConditionalOnWebApplication
public class Credentials {

	private static final Logger log = LoggerFactory.getLogger(Credentials.class);

	private final String admin;

	private final String dpo;

	private final String agency;

	Credentials(@Value("${proportion.security.admin-password:}") String admin,
			@Value("${proportion.security.dpo-password:}") String dpo,
			@Value("${proportion.security.agency-password:}") String agency) {
		this.admin = orGenerated("admin", admin);
		this.dpo = orGenerated("dpo", dpo);
		this.agency = orGenerated("agency", agency);
	}

	public String admin() {
		return admin;
	}

	public String dpo() {
		return dpo;
	}

	public String agency() {
		return agency;
	}

	private static String orGenerated(String user, String configured) {
		if (!configured.isBlank()) {
			return configured;
		}
		byte[] bytes = new byte[18];
		new SecureRandom().nextBytes(bytes);
		String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		// The value is shown once by the first-run walk-through, never written to the log.
		log.warn("Generated a password for API user '{}' (set proportion.security.{}-password to choose one)", user, user);
		return generated;
	}

}
