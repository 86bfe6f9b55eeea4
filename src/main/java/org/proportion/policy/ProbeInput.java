package org.proportion.policy;

import java.util.List;
import java.util.Map;

/**
 * A made-up meeting with one attendee and one case, used to check that a policy change still
 * gives a decision before it goes live. No real person's data.
 */
final class ProbeInput {

	private ProbeInput() {
	}

	static Map<String, Object> sharing() {
		return Map.of("meeting", meeting(), "case",
				Map.of("ref", "probe:1", "controller", Map.of("id", "probe-org", "type", "charity"), "fields",
						List.of("name", "notes"), "subject_under_18", false),
				"attendees", attendees(), "agreements", List.of());
	}

	static Map<String, Object> trends() {
		return Map.of("meeting", meeting(), "attendees", attendees());
	}

	private static Map<String, Object> meeting() {
		return Map.of("id", "probe", "type", "rough_sleeping_mam", "purpose", "rough_sleeping_response", "date", "2026-01-01");
	}

	private static List<Map<String, Object>> attendees() {
		return List.of(Map.of("id", "probe", "role", "observer", "organisation", Map.of("id", "probe-att", "type", "observer")));
	}

}
