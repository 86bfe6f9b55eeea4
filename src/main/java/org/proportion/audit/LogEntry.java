package org.proportion.audit;

import org.proportion.model.Decision;

/**
 * One decision as the log keeps it: who (role and organisation, not the person's name) was given
 * what (case reference and item) and why. Items are field names, {@code case}, {@code trend:*}
 * or {@code pack}.
 */
public record LogEntry(String meetingId, String packId, String attendeeId, String attendeeRole, String attendeeOrg,
		String caseRef, String item, Decision decision, String policyRevision) {
}
