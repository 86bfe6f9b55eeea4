package org.proportion.access;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The one reading of the partnership identity provider's roles claim, shared by the API's bearer
 * tokens and the console's OIDC sign-in, so a person holds the same role whichever way they come
 * in. Names are matched case-blind; anything other than ADMIN, DPO or AGENCY grants nothing.
 */
public final class PartnershipRoles {

	private static final Set<String> KNOWN_ROLES = Set.of("ADMIN", "DPO", "AGENCY");

	private PartnershipRoles() {
	}

	/** The authorities the claim's role names grant; an absent claim grants none. */
	public static List<GrantedAuthority> authorities(Collection<String> names) {
		return (names == null ? List.<String>of() : names).stream()
			.map(name -> name.toUpperCase(Locale.ROOT))
			.filter(KNOWN_ROLES::contains)
			.map(name -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + name))
			.toList();
	}

}
