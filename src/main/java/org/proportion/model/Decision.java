package org.proportion.model;

/**
 * One decision about one item for one attendee, with everything a DPO needs to explain it.
 *
 * @param generalisation how to generalise or pseudonymise (e.g. {@code age_band}), else null
 */
public record Decision(Action action, String basis, String condition, String purpose, String rule, String reason,
		String generalisation) {

	public static Decision withhold(String purpose, String rule, String reason) {
		return new Decision(Action.WITHHOLD, null, null, purpose, rule, reason, null);
	}

	public boolean released() {
		return action.releases();
	}

}
