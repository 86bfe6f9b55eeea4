package org.proportion.console;

import java.security.Principal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

import org.proportion.access.AccessLinks;
import org.proportion.access.ViewLog;
import org.proportion.delivery.Deliveries;
import org.proportion.emergency.Emergencies;
import org.proportion.model.Attendee;
import org.proportion.model.Meeting;
import org.proportion.pack.Checklist;
import org.proportion.pack.EmergencyRelease;
import org.proportion.pack.PackBuildFailed;
import org.proportion.pack.PackBuilder;
import org.proportion.pack.PackRepository;
import org.proportion.pack.PackSummary;
import org.proportion.partnership.PartnershipRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The organiser's pages: meetings, and for one meeting its attendees and agenda, building the pack
 * now, who was sent and who opened their link, the pre-meeting checklist, and revoking or
 * reissuing a link. Every answer comes from the service that owns it (PackBuilder, Deliveries,
 * ViewLog, Checklist, AccessLinks). A link is never shown: a reissued one goes to the attendee's
 * own email address, so an organiser cannot open anyone's view.
 */
@Controller
class OrganiserConsole {

	private static final Logger log = LoggerFactory.getLogger(OrganiserConsole.class);

	private final PartnershipRepository partnership;

	private final PackBuilder packs;

	private final Deliveries deliveries;

	private final ViewLog viewLog;

	private final Checklist checklist;

	private final AccessLinks links;

	private final Emergencies emergencies;

	private final EmergencyRelease emergencyRelease;

	private final PackRepository views;

	OrganiserConsole(PartnershipRepository partnership, PackBuilder packs, PackRepository views, Deliveries deliveries,
			ViewLog viewLog, Checklist checklist, AccessLinks links, Emergencies emergencies,
			EmergencyRelease emergencyRelease) {
		this.views = views;
		this.emergencies = emergencies;
		this.emergencyRelease = emergencyRelease;
		this.partnership = partnership;
		this.packs = packs;
		this.deliveries = deliveries;
		this.viewLog = viewLog;
		this.checklist = checklist;
		this.links = links;
	}

	@GetMapping("/console/meetings")
	String meetings(Model model) {
		List<Meeting> meetings = new ArrayList<>(partnership.meetings());
		meetings.sort((a, b) -> a.startsAt() == null || b.startsAt() == null ? 0 : a.startsAt().compareTo(b.startsAt()));
		model.addAttribute("meetings", meetings);
		return "console/meetings";
	}

	/**
	 * One attendee's line on the meeting page: their link's state, whether it opens a view now,
	 * last delivery, and openings.
	 */
	record AttendeeRow(Attendee attendee, boolean revoked, String view, String delivery, String deliveredAt, long opened,
			String lastOpened) {
	}

	/** One opening of a view, its time written out (UTC) for the page. */
	record Opened(String when, String attendeeId, String role, String format, String packId) {
	}

	@GetMapping("/console/meetings/{meeting}")
	String meeting(@PathVariable String meeting, Model model) {
		Meeting found = find(meeting);
		Map<String, Map<String, Object>> lastDelivery = new LinkedHashMap<>();
		for (Map<String, Object> row : deliveries.forMeeting(meeting)) {
			lastDelivery.put(String.valueOf(row.get("attendee_id")), row);
		}
		List<ViewLog.Opening> openings = viewLog.ofMeeting(meeting);
		boolean released = packs.hasReleased(meeting);
		// A pack was released, even if its views were withdrawn since (a rebuild that had to happen
		// failed): an attendee whose link opens nothing is then told apart from "no pack yet".
		boolean everReleased = released || views.withdrawnSinceRelease(meeting);
		List<AttendeeRow> rows = new ArrayList<>();
		int withdrawn = 0;
		for (Attendee a : found.attendees()) {
			Map<String, Object> d = lastDelivery.get(a.id());
			List<ViewLog.Opening> theirs = openings.stream().filter(o -> a.id().equals(o.attendeeId())).toList();
			boolean revoked = links.revoked(meeting, a.id());
			boolean opens = everReleased && views.hasReleasedView(meeting, a.id());
			if (everReleased && !opens && !revoked) {
				withdrawn++;
			}
			rows.add(new AttendeeRow(a, revoked,
					revoked ? "none: link revoked" : opens ? "opens" : everReleased ? "nothing until the next build" : "no pack yet",
					d == null ? "not sent yet" : String.valueOf(d.get("status")),
					d == null || d.get("sent_at") == null ? "" : String.valueOf(d.get("sent_at")), theirs.size(),
					theirs.isEmpty() ? "" : Times.when(theirs.get(theirs.size() - 1).viewedAt())));
		}
		model.addAttribute("meeting", found);
		model.addAttribute("attendees", rows);
		model.addAttribute("openings", openings.stream()
			.map(o -> new Opened(Times.when(o.viewedAt()), o.attendeeId(), o.attendeeRole(), o.format(), o.packId()))
			.toList());
		model.addAttribute("released", everReleased);
		model.addAttribute("withdrawn", withdrawn);
		model.addAttribute("emergencies", emergencies.inForce(meeting).values().stream()
			.map(e -> new InForce(e.id(), e.caseRef(), Times.when(e.requestedAt()), e.requestedBy(),
					String.join(", ", e.responders())))
			.toList());
		try {
			model.addAttribute("checklist", checklist.forMeeting(meeting));
		}
		catch (NoSuchElementException ex) {
			// No pack yet: the checklist is drawn from the built pack's decisions.
			model.addAttribute("checklistMissing", ex.getMessage());
		}
		return "console/meeting";
	}

	/** Builds the pack now, as POST /api/meetings/{m}/packs does; the outcome is shown on the meeting page. */
	@PostMapping("/console/meetings/{meeting}/build")
	String build(@PathVariable String meeting, RedirectAttributes redirect) {
		find(meeting);
		try {
			PackSummary pack = packs.build(meeting);
			redirect.addFlashAttribute("outcome",
					pack.unchanged() ? "Nothing had changed: pack " + pack.packId() + " stays live, and nothing new was sent."
							: "Pack " + pack.packId() + " (version " + pack.version() + ") was built for "
									+ pack.recipients().size() + " attendees; their links are being sent.");
		}
		catch (PackBuildFailed ex) {
			log.warn("Console pack build failed for a meeting: {}", ex.code());
			redirect.addFlashAttribute("problem",
					"No pack was released (" + ex.code() + "): " + ex.getMessage() + " Try again later.");
		}
		return "redirect:/console/meetings/" + meeting;
	}

	/** An emergency share in force for this meeting, as the organiser's page lists it. */
	record InForce(String id, String caseRef, String requestedAt, String requestedBy, String responders) {
	}

	/**
	 * Records an emergency share, as POST /api/meetings/{m}/cases/{c}/emergency does: what the
	 * named responders may see of one agenda case now, released at once by a rebuild, and put in
	 * the DPO's review queue. The person asking is recorded with the account that recorded it.
	 */
	@PostMapping("/console/meetings/{meeting}/emergency")
	String emergency(@PathVariable String meeting, @RequestParam(name = "caseRef", required = false) String caseRef,
			@RequestParam(name = "requestedBy", required = false) String requestedBy,
			@RequestParam(name = "reason", required = false) String reason,
			@RequestParam(name = "responders", required = false) List<String> responders, Principal recordedBy,
			RedirectAttributes redirect) {
		find(meeting);
		try {
			EmergencyRelease.Released released = emergencyRelease.record(meeting, caseRef, requestedBy,
					recordedBy.getName(), reason, responders);
			redirect.addFlashAttribute("outcome", "Emergency share " + released.emergency().id() + " was recorded for "
					+ caseRef + " and released to its responders in pack " + released.pack().packId()
					+ "; the DPO will review it.");
		}
		catch (EmergencyRelease.NotRecorded ex) {
			redirect.addFlashAttribute("problem", "No emergency share was recorded: " + switch (ex.code()) {
				case "not_on_agenda" -> "choose a case on this meeting's agenda.";
				case "unknown_responder" -> "responders must be this meeting's attendees.";
				default -> ex.getMessage() + ".";
			});
		}
		catch (PackBuildFailed ex) {
			log.warn("Console emergency rebuild failed for a meeting: {}", ex.code());
			redirect.addFlashAttribute("problem", "The emergency share was recorded but no pack was released ("
					+ ex.code() + "): the schedule will try again. Tell the DPO.");
		}
		return "redirect:/console/meetings/" + meeting + "#emergency";
	}

	/** Withdraws the attendee's access: their links stop working and no later message sends them one. */
	@PostMapping("/console/meetings/{meeting}/attendees/{attendee}/revoke")
	String revoke(@PathVariable String meeting, @PathVariable String attendee, RedirectAttributes redirect) {
		Attendee who = attendee(meeting, attendee);
		links.revokeAttendee(meeting, attendee);
		redirect.addFlashAttribute("outcome", who.name() + "'s link was revoked: it no longer opens their view.");
		return "redirect:/console/meetings/" + meeting;
	}

	/** Lifts any revocation and sends the attendee a new link by email; the link is never shown here. */
	@PostMapping("/console/meetings/{meeting}/attendees/{attendee}/reissue")
	String reissue(@PathVariable String meeting, @PathVariable String attendee, RedirectAttributes redirect) {
		Attendee who = attendee(meeting, attendee);
		links.reinstate(meeting, attendee);
		try {
			List<Deliveries.Reissue> sent = deliveries.reissue(find(meeting), Optional.of(attendee));
			String outcome = sent.isEmpty() ? "no link was issued" : sent.get(0).outcome();
			redirect.addFlashAttribute("outcome", "A new link for " + who.name() + ": " + outcome + ".");
		}
		catch (IllegalStateException ex) {
			redirect.addFlashAttribute("problem", "No new link was issued: " + ex.getMessage());
		}
		return "redirect:/console/meetings/" + meeting;
	}

	private Meeting find(String meeting) {
		return partnership.meeting(meeting)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No such meeting"));
	}

	private Attendee attendee(String meeting, String attendee) {
		return find(meeting).attendees()
			.stream()
			.filter(a -> a.id().equals(attendee))
			.findFirst()
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No such attendee"));
	}

}
