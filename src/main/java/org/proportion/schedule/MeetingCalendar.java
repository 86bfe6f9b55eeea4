package org.proportion.schedule;

import java.io.IOException;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.proportion.ingest.IntakeRejected;
import org.proportion.model.Attendee;
import org.proportion.model.Meeting;
import org.proportion.pack.PackRepository;
import org.proportion.partnership.PartnershipRepository;
import org.proportion.policy.PolicyVocabulary;
import org.springframework.stereotype.Component;

/** Meetings added to the calendar, from the REST API or a dropped file; checked before they are kept. */
@Component("meetingCalendar")
public class MeetingCalendar {

	private final PartnershipRepository partnership;

	private final ObjectMapper json;

	private final PolicyVocabulary vocabulary;

	private final PackRepository packs;

	MeetingCalendar(PartnershipRepository partnership, ObjectMapper json, PolicyVocabulary vocabulary,
			PackRepository packs) {
		this.partnership = partnership;
		this.packs = packs;
		this.json = json;
		this.vocabulary = vocabulary;
	}

	public Meeting fromJson(byte[] content) {
		Meeting meeting;
		try {
			meeting = json.readValue(content, Meeting.class);
		}
		catch (JsonProcessingException ex) {
			throw MeetingChecks.unreadable(ex);
		}
		catch (IOException ex) {
			throw new IntakeRejected("malformed_meeting", "The meeting could not be read as JSON");
		}
		return add(meeting, "meeting file");
	}

	public Meeting add(Meeting meeting) {
		return add(meeting, PartnershipRepository.SET_WITH_MEETING);
	}

	/**
	 * @param setBy who is adding the meeting: kept beside each case purpose it sets
	 */
	public Meeting add(Meeting meeting, String setBy) {
		MeetingChecks.complete(meeting);
		checkOrganisations(meeting);
		checkAgainstPolicy(meeting);
		if (!partnership.addIfNew(meeting, setBy)) {
			throw new IntakeRejected("duplicate_meeting",
					"A meeting with id " + meeting.id() + " is already registered: choose another id").with("field", "id");
		}
		return meeting;
	}

	private void checkOrganisations(Meeting meeting) {
		for (int i = 0; i < meeting.attendees().size(); i++) {
			var attendee = meeting.attendees().get(i);
			if (partnership.organisation(attendee.organisationId()).isEmpty()) {
				throw new IntakeRejected("unknown_organisation", "Attendee " + attendee.id() + " (attendees[" + i
						+ "].organisationId) is from an organisation that is not in the partnership")
					.with("attendee", attendee.id())
					.with("field", "attendees[" + i + "].organisationId");
			}
		}
	}

	/**
	 * Changes a registered meeting, with the same checks as adding one: an edited meeting the
	 * policy cannot decide for is refused now, not built later with everything withheld. The next
	 * build (scheduled, or "build now") uses the change; a pack already sent is not changed. An
	 * attendee who holds a view keeps their role, organisation and email address: what the policy
	 * decided for them is not handed to someone else in their place (add that person as a new
	 * attendee, and revoke this one's link).
	 *
	 * @param setBy who is changing it: kept beside each case purpose it sets
	 */
	public Meeting update(Meeting meeting, String setBy) {
		MeetingChecks.complete(meeting);
		checkOrganisations(meeting);
		checkAgainstPolicy(meeting);
		partnership.meeting(meeting.id()).ifPresent(registered -> keepViewHoldersAsSent(registered, meeting));
		try {
			if (!partnership.replace(meeting, setBy)) {
				throw new IntakeRejected("unknown_meeting", "No meeting is registered with id " + meeting.id()).with("field", "id");
			}
		}
		catch (PartnershipRepository.AttendeeHoldsPack ex) {
			throw new IntakeRejected("attendee_holds_pack", ex.getMessage()).with("attendee", ex.attendeeId());
		}
		return meeting;
	}

	private void keepViewHoldersAsSent(Meeting registered, Meeting changed) {
		for (Attendee after : changed.attendees()) {
			Attendee before = registered.attendees().stream().filter(a -> a.id().equals(after.id())).findFirst().orElse(null);
			// The address too: a view holder's link re-sent to another address would hand what was
			// decided for them to whoever reads it, logged as their opening.
			boolean moved = before != null && (!after.role().equals(before.role())
					|| !after.organisationId().equals(before.organisationId())
					|| !java.util.Objects.equals(after.email(), before.email()));
			if (moved && packs.hasReleasedView(registered.id(), before.id())) {
				throw new IntakeRejected("attendee_holds_pack", "Attendee " + before.id()
						+ " already has a view of this meeting's pack, decided for their role and organisation"
						+ " and sent to their address, so those cannot change; add the new person as a new"
						+ " attendee and revoke this one's link")
					.with("attendee", before.id());
			}
		}
	}

	/**
	 * A meeting the policy cannot decide for is refused now, with what to fix, rather than built
	 * later with everything withheld: roles, the meeting's purpose, each case's purposes and, for a
	 * request, the fields it names must be words the DPO's policies define.
	 */
	public void checkAgainstPolicy(Meeting meeting) {
		if (!vocabulary.meetingPurposes().contains(meeting.purpose())) {
			throw new IntakeRejected("unknown_purpose", "The meeting's purpose must be one of " + vocabulary.meetingPurposes())
				.with("field", "purpose")
				.with("allowed", vocabulary.meetingPurposes());
		}
		Set<String> roles = vocabulary.roles();
		for (int i = 0; i < meeting.attendees().size(); i++) {
			var attendee = meeting.attendees().get(i);
			if (!roles.contains(attendee.role())) {
				throw new IntakeRejected("unknown_role", "Attendee " + attendee.id() + " (attendees[" + i
						+ "].role) has a role the policy does not know; roles: " + roles)
					.with("attendee", attendee.id())
					.with("field", "attendees[" + i + "].role")
					.with("allowed", roles);
			}
		}
		meeting.purposes().forEach((caseRef, purposes) -> checkPurposes(meeting, caseRef, purposes));
		if (meeting.requestedFields() != null && !vocabulary.fields().containsAll(meeting.requestedFields())) {
			throw new IntakeRejected("unknown_field", "A requested field is not in the catalogue: " + vocabulary.fields());
		}
	}

	/** Purposes for one agenda case: the case must be on the agenda, each purpose known. */
	public void checkPurposes(Meeting meeting, String caseRef, List<String> purposes) {
		if (!meeting.agenda().contains(caseRef)) {
			throw new IntakeRejected("not_on_agenda", "Purposes were set for a case that is not on the agenda");
		}
		if (!vocabulary.casePurposes().containsAll(purposes)) {
			throw new IntakeRejected("unknown_purpose", "A case purpose must be one of " + vocabulary.casePurposes());
		}
	}

}
