package org.proportion.access;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

import org.proportion.ingest.AgencyMappings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Passwords of the built-in API accounts: admin (intake, pack builds, links), dpo (decision log,
 * people's rights, simulator, retention) and one intake account per agency, named by the agency's
 * id ({@code proportion.security.agency-password.<agency>}). Unset ones are generated at start.
 */
@Component
@ConditionalOnWebApplication
public class Credentials {

	private static final Logger log = LoggerFactory.getLogger(Credentials.class);

	private final String admin;

	private final String dpo;

	private final Map<String, String> agencies = new TreeMap<>();

	Credentials(@Value("${proportion.security.admin-password:}") String admin,
			@Value("${proportion.security.dpo-password:}") String dpo, AgencyMappings mappings, Environment environment) {
		this.admin = orGenerated("admin", admin);
		this.dpo = orGenerated("dpo", dpo);
		// One account per agency, named by its id: an agency can send only its own records.
		for (String agency : mappings.agencies()) {
			agencies.put(agency,
					orGenerated(agency, environment.getProperty("proportion.security.agency-password." + agency, "")));
		}
	}

	public String admin() {
		return admin;
	}

	public String dpo() {
		return dpo;
	}

	/** Agency id to its intake account's password. */
	public Map<String, String> agencies() {
		return Map.copyOf(agencies);
	}

	private static String orGenerated(String user, String configured) {
		if (!configured.isBlank()) {
			return configured;
		}
		byte[] bytes = new byte[18];
		new SecureRandom().nextBytes(bytes);
		String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		// The value is shown once by the first-run walk-through, never written to the log.
		log.warn("Generated a password for API user '{}' (set it in the proportion.security properties)", user);
		return generated;
	}

}
