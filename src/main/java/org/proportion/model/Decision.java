package org.proportion.model;

import java.util.Map;

/**
 * One decision about one item for one attendee, with everything a DPO needs to explain it.
 *
 * @param generalisation how to generalise or pseudonymise (e.g. {@code age_band}), else null
 * @param entities for free text: entity type (and SUBJECT) to operator, else empty
 * @param sensitivity for free text: how eagerly the reader's copy is redacted (a level named in the
 * redaction settings, e.g. {@code high} for roles outside support work), else null for the default
 */
public record Decision(Action action, String basis, String condition, String purpose, String rule, String reason,
		String generalisation, Map<String, String> entities, String sensitivity) {

	public Decision {
		entities = entities == null ? Map.of() : Map.copyOf(entities);
	}

	public Decision(Action action, String basis, String condition, String purpose, String rule, String reason,
			String generalisation, Map<String, String> entities) {
		this(action, basis, condition, purpose, rule, reason, generalisation, entities, null);
	}

	public Decision(Action action, String basis, String condition, String purpose, String rule, String reason,
			String generalisation) {
		this(action, basis, condition, purpose, rule, reason, generalisation, Map.of());
	}

	public static Decision withhold(String purpose, String rule, String reason) {
		return new Decision(Action.WITHHOLD, null, null, purpose, rule, reason, null);
	}

	public Decision withReason(String rule, String reason) {
		return new Decision(action, basis, condition, purpose, rule, reason, generalisation, entities, sensitivity);
	}

	public boolean released() {
		return action.releases();
	}

}
