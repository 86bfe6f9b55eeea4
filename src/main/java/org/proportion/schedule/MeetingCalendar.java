package org.proportion.schedule;

import java.io.IOException;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.proportion.ingest.IntakeRejected;
import org.proportion.model.Meeting;
import org.proportion.partnership.PartnershipRepository;
import org.springframework.stereotype.Component;

/** Meetings added to the calendar, from the REST API or a dropped file; checked before they are kept. */
@Component("meetingCalendar")
public class MeetingCalendar {

	private final PartnershipRepository partnership;

	private final ObjectMapper json;

	MeetingCalendar(PartnershipRepository partnership, ObjectMapper json) {
		this.partnership = partnership;
		this.json = json;
	}

	public Meeting fromJson(byte[] content) {
		Meeting meeting;
		try {
			meeting = json.readValue(content, Meeting.class);
		}
		catch (IOException ex) {
			throw new IntakeRejected("malformed_meeting", "The meeting could not be read as JSON");
		}
		return add(meeting);
	}

	public Meeting add(Meeting meeting) {
		if (meeting.id() == null || meeting.title() == null || meeting.purpose() == null || meeting.startsAt() == null
				|| meeting.attendees().isEmpty()) {
			throw new IntakeRejected("incomplete_meeting", "A meeting needs an id, title, purpose, start and attendees");
		}
		for (var attendee : meeting.attendees()) {
			if (partnership.organisation(attendee.organisationId()).isEmpty()) {
				throw new IntakeRejected("unknown_organisation",
						"Attendee " + attendee.id() + " is from an unregistered organisation");
			}
		}
		if (!partnership.addIfNew(meeting)) {
			throw new IntakeRejected("duplicate_meeting", "A meeting with id " + meeting.id() + " is already registered");
		}
		return meeting;
	}

}
