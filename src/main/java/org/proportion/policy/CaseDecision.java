package org.proportion.policy;

import java.util.List;
import java.util.Map;

import org.proportion.model.Decision;

/**
 * The policy's answer for one case, for every attendee of the meeting.
 *
 * @param dataRevision digest of the policy data the decision was made with
 * @param byAttendee attendee id to what that attendee may see
 * @param fieldOrder the catalogue's fields in the order a view shows them: every case shows every
 * one of them, whatever its record holds, so a view's shape never tells what a record holds
 */
public record CaseDecision(String dataRevision, Map<String, ForAttendee> byAttendee, List<String> fieldOrder) {

	public CaseDecision {
		fieldOrder = fieldOrder == null ? List.of() : List.copyOf(fieldOrder);
	}

	/** Whether the case is on the attendee's pack, and each field's decision. */
	public record ForAttendee(Decision caseDecision, Map<String, Decision> fields) {
	}

}
