package org.proportion.pack;

import java.util.List;

/**
 * What a build produced: the pack and who received a view. Attendees open their views with
 * their personal links (see AccessLinks), never by these ids.
 */
public record PackSummary(String packId, String meetingId, int version, boolean released, List<Recipient> recipients) {

	public record Recipient(String attendeeId, String role, String organisation) {
	}

}
