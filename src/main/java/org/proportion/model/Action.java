package org.proportion.model;

import java.util.Locale;

/** What a policy decided for one item and one attendee. */
public enum Action {

	SHARE, GENERALISE, PSEUDONYMISE, WITHHOLD;

	/** Parses a policy's action; anything unknown is an error, never a share. */
	public static Action parse(String value) {
		if (value == null) {
			throw new IllegalArgumentException("missing action");
		}
		return Action.valueOf(value.toUpperCase(Locale.ROOT));
	}

	public String wire() {
		return name().toLowerCase(Locale.ROOT);
	}

}
