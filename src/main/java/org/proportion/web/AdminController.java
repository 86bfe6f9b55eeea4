package org.proportion.web;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.proportion.ProportionProperties;
import org.proportion.access.AccessLinks;
import org.proportion.delivery.Deliveries;
import org.proportion.ingest.IntakeRejected;
import org.proportion.schedule.MeetingCalendar;
import org.proportion.model.Meeting;
import org.proportion.pack.Checklist;
import org.proportion.partnership.PartnershipRepository;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Partnership admin: the pre-meeting checklist, and attendees' personal links. */
@RestController
class AdminController {

	private final AccessLinks links;

	private final PartnershipRepository partnership;

	private final Checklist checklist;

	private final MeetingCalendar calendar;

	private final Deliveries deliveries;

	AdminController(AccessLinks links, PartnershipRepository partnership, ProportionProperties properties,
			Checklist checklist, MeetingCalendar calendar, Deliveries deliveries) {
		this.links = links;
		this.partnership = partnership;
		this.checklist = checklist;
		this.calendar = calendar;
		this.deliveries = deliveries;
	}

	/** Adds a meeting to the calendar; its pack is built and sent automatically before it starts. */
	@PostMapping("/api/meetings")
	ResponseEntity<?> schedule(@RequestBody Meeting meeting, java.security.Principal organiser) {
		try {
			return ResponseEntity.status(HttpStatus.CREATED).body(calendar.add(meeting, organiser.getName()));
		}
		catch (IntakeRejected ex) {
			return Problems.refused(ex);
		}
	}

	/** Who has been sent their link, who has opened their view, what failed or bounced. */
	@GetMapping("/api/meetings/{meeting}/deliveries")
	List<Map<String, Object>> deliveries(@PathVariable String meeting) {
		return deliveries.forMeeting(meeting);
	}

	/** The pre-meeting checklist for the organiser: bases, conditions, consent, agreements, gaps. */
	@GetMapping("/api/meetings/{meeting}/checklist")
	Checklist.Report checklist(@PathVariable String meeting) {
		return checklist.forMeeting(meeting);
	}

	/**
	 * New links for every attendee of the meeting; earlier links stop working. Each link goes to
	 * the attendee's own email address: the caller learns only who was sent one, so an admin
	 * cannot open anyone's view. Revoked attendees are skipped.
	 */
	@PostMapping("/api/meetings/{meeting}/links")
	ResponseEntity<?> issue(@PathVariable String meeting) {
		Optional<Meeting> m = partnership.meeting(meeting);
		if (m.isEmpty()) {
			return noSuchMeeting(meeting);
		}
		return reissue(m.get(), Optional.empty());
	}

	/** Withdraws an attendee's access: their links stop working and no later message sends them one. */
	@DeleteMapping("/api/meetings/{meeting}/attendees/{attendee}/link")
	ResponseEntity<?> revoke(@PathVariable String meeting, @PathVariable String attendee) {
		if (!attends(meeting, attendee)) {
			return notAttending(meeting, attendee);
		}
		links.revokeAttendee(meeting, attendee);
		return ResponseEntity.noContent().build();
	}

	/** Lifts a revocation and sends the attendee a new link by email. */
	@PostMapping("/api/meetings/{meeting}/attendees/{attendee}/link")
	ResponseEntity<?> reinstate(@PathVariable String meeting, @PathVariable String attendee) {
		if (!attends(meeting, attendee)) {
			return notAttending(meeting, attendee);
		}
		links.reinstate(meeting, attendee);
		return reissue(partnership.meeting(meeting).orElseThrow(), Optional.of(attendee));
	}

	private ResponseEntity<?> reissue(Meeting meeting, Optional<String> attendee) {
		try {
			return ResponseEntity.ok(deliveries.reissue(meeting, attendee));
		}
		catch (IllegalStateException ex) {
			return Problems.respond(HttpStatus.CONFLICT, "link_not_issued", ex.getMessage());
		}
	}

	private static ResponseEntity<Object> noSuchMeeting(String meeting) {
		return Problems.respond(HttpStatus.NOT_FOUND, "unknown_meeting",
				"No meeting is registered with id " + meeting + ": check the meeting id in the address");
	}

	/** Attendee ids are unique within their meeting: the pair is what is looked for. */
	private static ResponseEntity<Object> notAttending(String meeting, String attendee) {
		return Problems.respond(HttpStatus.NOT_FOUND, "unknown_attendee",
				"Meeting " + meeting + " has no attendee with id " + attendee + ": check both ids in the address");
	}

	private boolean attends(String meeting, String attendee) {
		return partnership.meeting(meeting)
			.map(m -> m.attendees().stream().anyMatch(a -> a.id().equals(attendee)))
			.orElse(false);
	}

}
