package org.proportion.policy;

import java.util.Map;

import org.proportion.model.Decision;

/**
 * The policy's answer for one case, for every attendee of the meeting.
 *
 * @param dataRevision digest of the policy data the decision was made with
 * @param byAttendee attendee id to what that attendee may see
 */
public record CaseDecision(String dataRevision, Map<String, ForAttendee> byAttendee) {

	/** Whether the case is on the attendee's pack, and each field's decision. */
	public record ForAttendee(Decision caseDecision, Map<String, Decision> fields) {
	}

}
