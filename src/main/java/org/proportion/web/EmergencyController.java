package org.proportion.web;

import java.security.Principal;
import java.util.List;
import java.util.NoSuchElementException;

import org.proportion.emergency.Emergencies;
import org.proportion.emergency.EmergencyReviews;
import org.proportion.model.Meeting;
import org.proportion.emergency.Emergencies.Emergency;
import org.proportion.pack.PackBuilder;
import org.proportion.pack.PackSummary;
import org.proportion.partnership.PartnershipRepository;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Emergency sharing to protect life: a named person asks, with a reason, and the meeting's pack
 * is rebuilt at once with what the policy releases on vital interests. Each one waits in the
 * DPO's review queue until a retrospective justification is recorded.
 */
@RestController
class EmergencyController {

	private final Emergencies emergencies;

	private final PackBuilder packs;

	private final PartnershipRepository partnership;

	private final EmergencyReviews reviews;

	EmergencyController(Emergencies emergencies, PackBuilder packs, PartnershipRepository partnership,
			EmergencyReviews reviews) {
		this.reviews = reviews;
		this.emergencies = emergencies;
		this.packs = packs;
		this.partnership = partnership;
	}

	/** @param responders ids of the meeting's attendees who will act: only they receive anything */
	record Request(String requestedBy, String reason, List<String> responders) {
	}

	record Released(Emergency emergency, PackSummary pack) {
	}

	@PostMapping("/api/meetings/{meeting}/cases/{caseRef}/emergency")
	ResponseEntity<?> share(@PathVariable String meeting, @PathVariable String caseRef, @RequestBody Request request,
			Principal recordedBy) {
		Meeting found = partnership.meeting(meeting).orElseThrow(() -> new NoSuchElementException("no such meeting"));
		if (!found.agenda().contains(caseRef)) {
			return Problems.respond(HttpStatus.NOT_FOUND, "not_on_agenda", "The case is not on the meeting's agenda");
		}
		List<String> attendees = found.attendees().stream().map(a -> a.id()).toList();
		if (request.responders() != null && !attendees.containsAll(request.responders())) {
			return Problems.respond(HttpStatus.BAD_REQUEST, "unknown_responder",
					"responders must be attendees of the meeting: " + String.join(", ", attendees));
		}
		try {
			// The named person as given, and the account that recorded it.
			String requestedBy = request.requestedBy() == null || request.requestedBy().isBlank() ? null
					: request.requestedBy().strip() + " (recorded by " + recordedBy.getName() + ")";
			Emergency emergency = emergencies.record(meeting, caseRef, requestedBy, request.reason(),
					request.responders());
			return ResponseEntity.status(HttpStatus.CREATED).body(new Released(emergency, packs.build(meeting)));
		}
		catch (IllegalArgumentException ex) {
			return Problems.respond(HttpStatus.BAD_REQUEST, "invalid_emergency", ex.getMessage());
		}
	}

	@GetMapping("/api/dpo/review-queue")
	List<Emergency> queue() {
		return emergencies.awaitingReview();
	}

	record Review(String justification) {
	}

	@PostMapping("/api/dpo/review-queue/{id}")
	ResponseEntity<?> review(@PathVariable String id, @RequestBody Review review, Principal dpo) {
		if (review.justification() == null || review.justification().isBlank()) {
			return Problems.respond(HttpStatus.BAD_REQUEST, "justification_required",
					"A retrospective justification is needed: give one");
		}
		// Reviewed: the emergency is no longer in force, so its views are rebuilt without it.
		var reviewed = reviews.review(id, dpo.getName(), review.justification());
		return ResponseEntity.of(reviewed);
	}

}
