package org.proportion.schedule;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.proportion.ingest.IntakeRejected;
import org.proportion.ingest.JsonFaults;
import org.proportion.model.Attendee;
import org.proportion.model.Meeting;

/**
 * The shape a meeting must have before it is stored: every field the calendar needs present and
 * short enough for its column, each attendee complete and named once. A refusal lists the paths
 * of what to fix ({@code title}, {@code attendees[2].role}) so the organiser can fix all of it at
 * once, and never repeats a value: attendee names and emails are personal data.
 */
final class MeetingChecks {

	/** Column widths of the meeting and attendee tables. */
	private static final int ID = 64;

	private static final int TITLE = 300;

	private static final int NAME = 200;

	private MeetingChecks() {
	}

	static IntakeRejected unreadable(JsonProcessingException ex) {
		return new IntakeRejected(JsonFaults.code(ex), JsonFaults.describe(ex));
	}

	static void complete(Meeting meeting) {
		List<String> missing = new ArrayList<>();
		List<String> tooLong = new ArrayList<>();
		need(missing, "id", meeting.id());
		need(missing, "title", meeting.title());
		need(missing, "type", meeting.type());
		need(missing, "purpose", meeting.purpose());
		if (meeting.startsAt() == null) {
			missing.add("startsAt");
		}
		if (meeting.attendees().isEmpty()) {
			missing.add("attendees");
		}
		fits(tooLong, "id", meeting.id(), ID);
		fits(tooLong, "title", meeting.title(), TITLE);
		fits(tooLong, "organiserEmail", meeting.organiserEmail(), NAME);
		for (int i = 0; i < meeting.attendees().size(); i++) {
			Attendee attendee = meeting.attendees().get(i);
			String at = "attendees[" + i + "]";
			if (attendee == null) {
				missing.add(at);
				continue;
			}
			need(missing, at + ".id", attendee.id());
			need(missing, at + ".name", attendee.name());
			need(missing, at + ".role", attendee.role());
			need(missing, at + ".organisationId", attendee.organisationId());
			fits(tooLong, at + ".id", attendee.id(), ID);
			fits(tooLong, at + ".name", attendee.name(), NAME);
			fits(tooLong, at + ".email", attendee.email(), NAME);
		}
		if (!missing.isEmpty()) {
			throw new IntakeRejected("incomplete_meeting", "The meeting is missing " + String.join(", ", missing))
				.with("fields", missing);
		}
		if (!tooLong.isEmpty()) {
			throw new IntakeRejected("field_too_long", "Too long: " + String.join(", ", tooLong)
					+ " (ids up to " + ID + " characters, names and emails up to " + NAME + ", titles up to " + TITLE + ")")
				.with("fields", tooLong);
		}
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < meeting.attendees().size(); i++) {
			String id = meeting.attendees().get(i).id();
			if (!seen.add(id)) {
				throw new IntakeRejected("duplicate_attendee", "Attendee id " + id + " is used more than once in this meeting"
						+ " (attendees[" + i + "].id): each attendee needs an id of their own within the meeting")
					.with("attendee", id)
					.with("field", "attendees[" + i + "].id");
			}
		}
	}

	private static void need(List<String> missing, String field, String value) {
		if (value == null || value.isBlank()) {
			missing.add(field);
		}
	}

	private static void fits(List<String> tooLong, String field, String value, int max) {
		if (value != null && value.length() > max) {
			tooLong.add(field);
		}
	}

}
