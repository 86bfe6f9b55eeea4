package org.proportion.policy;

import java.util.List;

/**
 * What the policy needs to know about one case at one meeting beyond its record: the purposes the
 * organiser set for it on the agenda, an emergency share in force (and who responds), and whether
 * the person has objected. Never field values.
 *
 * @param purposes the case's purposes on the agenda (none: a routine case)
 * @param emergencyId an emergency share in force for the case at this meeting, or null
 * @param responders the attendee ids the emergency names as responding
 * @param objected whether the person has objected (Art 21) to the sharing of their data
 */
public record CaseFacts(List<String> purposes, String emergencyId, List<String> responders, boolean objected) {

	public static final CaseFacts NONE = new CaseFacts(List.of(), null, List.of(), false);

	public CaseFacts {
		purposes = purposes == null ? List.of() : List.copyOf(purposes);
		responders = responders == null ? List.of() : List.copyOf(responders);
	}

}
