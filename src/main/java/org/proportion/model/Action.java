package org.proportion.model;

import java.util.Locale;

/**
 * What was decided for one item and one attendee. All but DELETE are what a policy may decide;
 * DELETE is logged by the gateway when retention ends.
 */
public enum Action {

	SHARE, GENERALISE, PSEUDONYMISE,
	/** Free text shared with the personal data the policy names taken out. */
	REDACT, WITHHOLD, DELETE;

	/** Parses an action as stored; anything unknown is an error. */
	public static Action parse(String value) {
		if (value == null) {
			throw new IllegalArgumentException("missing action");
		}
		return Action.valueOf(value.toUpperCase(Locale.ROOT));
	}

	/** Parses a policy's action: only sharing decisions, never a gateway event. */
	public static Action fromPolicy(String value) {
		Action action = parse(value);
		if (action == DELETE) {
			throw new IllegalArgumentException("not a sharing decision");
		}
		return action;
	}

	/** Whether something is shown to the attendee. */
	public boolean releases() {
		return this == SHARE || this == GENERALISE || this == PSEUDONYMISE || this == REDACT;
	}

	public String wire() {
		return name().toLowerCase(Locale.ROOT);
	}

}
