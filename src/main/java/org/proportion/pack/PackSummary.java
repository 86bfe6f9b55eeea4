package org.proportion.pack;

import java.util.List;

/** What a build produced: the pack and where each attendee opens their own view. */
public record PackSummary(String packId, String meetingId, int version, boolean released, List<ViewLink> views) {

	public record ViewLink(String attendeeId, String role, String organisation, String html, String json) {
	}

}
