package org.proportion.web;

import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

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

	private final String publicUrl;

	private final Checklist checklist;

	private final MeetingCalendar calendar;

	private final Deliveries deliveries;

	AdminController(AccessLinks links, PartnershipRepository partnership, ProportionProperties properties,
			Checklist checklist, MeetingCalendar calendar, Deliveries deliveries) {
		this.links = links;
		this.partnership = partnership;
		this.publicUrl = properties.publicUrl();
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
			return ResponseEntity.badRequest().body(Map.of("code", ex.code(), "error", ex.getMessage()));
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

	record IssuedLink(String attendeeId, String name, String role, String link) {
	}

	/** New links for every attendee of the meeting; earlier links stop working. Shown once. */
	@PostMapping("/api/meetings/{meeting}/links")
	List<IssuedLink> issue(@PathVariable String meeting) {
		Meeting m = partnership.meeting(meeting).orElseThrow(() -> new NoSuchElementException("no such meeting"));
		return m.attendees()
			.stream()
			.map(a -> new IssuedLink(a.id(), a.name(), a.role(), publicUrl + "/v/" + links.issue(m.id(), a.id())))
			.toList();
	}

	@DeleteMapping("/api/meetings/{meeting}/attendees/{attendee}/link")
	ResponseEntity<Void> revoke(@PathVariable String meeting, @PathVariable String attendee) {
		return links.revoke(meeting, attendee) > 0 ? ResponseEntity.noContent().build() : ResponseEntity.notFound().build();
	}

}
