package org.proportion.web;

import java.security.Principal;
import java.util.List;

import org.proportion.emergency.Emergencies;
import org.proportion.emergency.EmergencyReviews;
import org.proportion.emergency.Emergencies.Emergency;
import org.proportion.pack.EmergencyRelease;
import org.proportion.pack.PackSummary;
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

	private final EmergencyRelease release;

	private final EmergencyReviews reviews;

	EmergencyController(Emergencies emergencies, EmergencyRelease release, EmergencyReviews reviews) {
		this.reviews = reviews;
		this.emergencies = emergencies;
		this.release = release;
	}

	/** @param responders ids of the meeting's attendees who will act: only they receive anything */
	record Request(String requestedBy, String reason, List<String> responders) {
	}

	record Released(Emergency emergency, PackSummary pack) {
	}

	@PostMapping("/api/meetings/{meeting}/cases/{caseRef}/emergency")
	ResponseEntity<?> share(@PathVariable String meeting, @PathVariable String caseRef, @RequestBody Request request,
			Principal recordedBy) {
		try {
			EmergencyRelease.Released released = release.record(meeting, caseRef, request.requestedBy(),
					recordedBy.getName(), request.reason(), request.responders());
			return ResponseEntity.status(HttpStatus.CREATED).body(new Released(released.emergency(), released.pack()));
		}
		catch (EmergencyRelease.NotRecorded ex) {
			return Problems.respond(ex.code().equals("not_on_agenda") ? HttpStatus.NOT_FOUND : HttpStatus.BAD_REQUEST,
					ex.code(), ex.getMessage());
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
