package org.proportion.model;

import java.util.Locale;

/**
 * What was decided for one item and one attendee. All but DELETE, CORRECT and WITHDRAW are what a
 * policy may decide; the gateway logs DELETE when retention ends or data is erased, CORRECT when it
 * is corrected, WITHDRAW when an attendee's view is taken back until a rebuild succeeds.
 */
public enum Action {

	SHARE, GENERALISE, PSEUDONYMISE,
	/** Free text shared with the personal data the policy names taken out. */
	REDACT, WITHHOLD, DELETE,
	/** A recipient was told that an item they received was corrected (Art 19). */
	CORRECT,
	/** An attendee's view was taken back: their link opens nothing until a build succeeds. */
	WITHDRAW;

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
		if (action == DELETE || action == CORRECT || action == WITHDRAW) {
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
