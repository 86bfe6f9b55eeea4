package org.proportion.pack;

import java.util.List;

/**
 * What a build produced: the pack and who received a view. Attendees open their views with
 * their personal links (see AccessLinks), never by these ids. {@code unchanged} when the build
 * came to exactly the live pack, which stays live: nothing new was released, logged or sent.
 */
public record PackSummary(String packId, String meetingId, int version, boolean released, List<Recipient> recipients,
		boolean unchanged) {

	public PackSummary(String packId, String meetingId, int version, boolean released, List<Recipient> recipients) {
		this(packId, meetingId, version, released, recipients, false);
	}

	public record Recipient(String attendeeId, String role, String organisation) {
	}

}
