package org.proportion.model;

import java.util.List;
import java.util.Map;

/**
 * One decision about one item for one attendee, with everything a DPO needs to explain it.
 *
 * @param generalisation how to generalise or pseudonymise (e.g. {@code age_band}), else null
 * @param entities for free text: entity type (and SUBJECT) to operator, else empty
 * @param sensitivity for free text: how eagerly the reader's copy is redacted (a level named in the
 * redaction settings, e.g. {@code high} for roles outside support work), else null for the default
 * @param wording for risk flags: the policy's words for each flag this reader may see (possibly
 * none), never the flag codes themselves
 * @param reviewDue a share the DPO must review after the event (an emergency, or a share made
 * without the person's agreement because of a recorded risk)
 */
public record Decision(Action action, String basis, String condition, String purpose, String rule, String reason,
		String generalisation, Map<String, String> entities, String sensitivity, List<String> wording,
		boolean reviewDue) {

	public Decision {
		entities = entities == null ? Map.of() : Map.copyOf(entities);
		wording = wording == null ? List.of() : List.copyOf(wording);
	}

	public Decision(Action action, String basis, String condition, String purpose, String rule, String reason,
			String generalisation, Map<String, String> entities) {
		this(action, basis, condition, purpose, rule, reason, generalisation, entities, null, null, false);
	}

	public Decision(Action action, String basis, String condition, String purpose, String rule, String reason,
			String generalisation) {
		this(action, basis, condition, purpose, rule, reason, generalisation, Map.of());
	}

	public static Decision withhold(String purpose, String rule, String reason) {
		return new Decision(Action.WITHHOLD, null, null, purpose, rule, reason, null);
	}

	public Decision withReason(String rule, String reason) {
		return new Decision(action, basis, condition, purpose, rule, reason, generalisation, entities, sensitivity,
				wording, reviewDue);
	}

	public boolean released() {
		return action.releases();
	}

}
