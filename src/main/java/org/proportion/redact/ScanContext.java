package org.proportion.redact;

import java.util.List;

/**
 * What the structured case record already says about the note's subject, so that the subject's
 * own names, aliases, date of birth and address are found in the note in any form.
 *
 * @param names the subject's name (and, in the three-part form, aliases) as recorded
 * @param dateOfBirth ISO date (yyyy-MM-dd) or null
 * @param addresses addresses, sleep sites or postcodes as recorded
 * @param aliases aliases and nicknames as recorded, which a policy may treat apart from the name
 */
public record ScanContext(List<String> names, String dateOfBirth, List<String> addresses, List<String> aliases) {

	public static final ScanContext NONE = new ScanContext(List.of(), null, List.of());

	public ScanContext {
		names = names == null ? List.of() : List.copyOf(names);
		addresses = addresses == null ? List.of() : List.copyOf(addresses);
		aliases = aliases == null ? List.of() : List.copyOf(aliases);
	}

	public ScanContext(List<String> names, String dateOfBirth, List<String> addresses) {
		this(names, dateOfBirth, addresses, List.of());
	}

}
