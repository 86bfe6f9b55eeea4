package org.proportion.console;

import org.springframework.security.core.Authentication;

/** Which console pages an account sees in its navigation (the filter chain enforces them). */
final class Roles {

	private Roles() {
	}

	static boolean organiser(Authentication who) {
		return has(who, "ROLE_ADMIN");
	}

	static boolean dpo(Authentication who) {
		return has(who, "ROLE_DPO");
	}

	private static boolean has(Authentication who, String role) {
		return who != null && who.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals(role));
	}

}
