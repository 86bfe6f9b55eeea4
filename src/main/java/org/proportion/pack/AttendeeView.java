package org.proportion.pack;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Everything one attendee receives for one meeting, and nothing else: the JSON view is this
 * record, the HTML view is rendered from it. Withheld items carry their reason, never a value.
 */
public record AttendeeView(MeetingInfo meeting, Recipient recipient, PackInfo pack, List<TrendTable> trends,
		List<CaseView> cases, List<WithheldCount> withheld) {

	public record MeetingInfo(String id, String title, String type, String purpose, LocalDate date,
			List<String> attendees) {
	}

	public record Recipient(String attendeeId, String name, String role, String organisation) {
	}

	public record PackInfo(String id, int version, Instant builtAt, String policyRevision) {
	}

	/** A case the attendee may see; the heading is the name, a pseudonym or "Case n". */
	public record CaseView(String heading, String reference, List<FieldView> fields) {
	}

	/**
	 * @param value shown value (shared, generalised or pseudonymised), null when withheld
	 */
	public record FieldView(String field, String label, String action, String value, String basis, String condition,
			String reason) {
	}

	public record WithheldCount(String reason, int count) {
	}

}
