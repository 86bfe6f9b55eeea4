package org.proportion.web;

import java.security.Principal;
import java.util.List;
import java.util.Map;

import org.proportion.ingest.IntakeRejected;
import org.proportion.pack.PackBuilder;
import org.proportion.requests.DisclosureRequests;
import org.proportion.requests.DisclosureRequests.Request;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Requests outside meetings. The admin records a request as it arrives (a police request for a
 * stated crime purpose, or a public authority's request), naming the fields it needs; the DPO,
 * as the designated person, approves or refuses it. Approval releases a one-recipient pack with
 * only those fields, by the requester's own link.
 */
@RestController
class RequestsController {

	private final DisclosureRequests requests;

	private final PackBuilder packs;

	RequestsController(DisclosureRequests requests, PackBuilder packs) {
		this.requests = requests;
		this.packs = packs;
	}

	record Requester(String name, String role, String organisationId, String email) {
	}

	record NewRequest(String kind, String caseRef, Requester requester, String statedPurpose, List<String> fields) {
	}

	@PostMapping("/api/requests")
	ResponseEntity<?> receive(@RequestBody NewRequest body, Principal receivedBy) {
		Requester who = body.requester() == null ? new Requester(null, null, null, null) : body.requester();
		try {
			Request request = requests.receive(body.kind(), body.caseRef(), who.name(), who.role(), who.organisationId(),
					who.email(), body.statedPurpose(), body.fields(), receivedBy.getName());
			return ResponseEntity.status(HttpStatus.CREATED).body(request);
		}
		catch (IntakeRejected ex) {
			return Problems.refused(ex);
		}
	}

	@GetMapping("/api/dpo/requests")
	List<Request> pending() {
		return requests.pending();
	}

	record Decision(String note) {
	}

	/** Approves and releases; approving again after a failed release retries the release. */
	@PostMapping("/api/dpo/requests/{id}/approve")
	ResponseEntity<?> approve(@PathVariable String id, @RequestBody Decision decision, Principal dpo) {
		if (decision.note() == null || decision.note().isBlank()) {
			return Problems.respond(HttpStatus.BAD_REQUEST, "note_required",
					"An approval records why the disclosure is justified: give a note");
		}
		Request request = requests.find(id).orElse(null);
		if (request == null || request.status().equals(DisclosureRequests.REFUSED)) {
			return Problems.respond(HttpStatus.NOT_FOUND, "unknown_request",
					"No open request has id " + id + ": it does not exist or was refused");
		}
		String meetingId = request.status().equals(DisclosureRequests.APPROVED) ? request.meetingId()
				: requests.approve(id, dpo.getName(), decision.note().strip()).orElseThrow().id();
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(Map.of("request", requests.find(id).orElseThrow(), "pack", packs.build(meetingId)));
	}

	@PostMapping("/api/dpo/requests/{id}/refuse")
	ResponseEntity<?> refuse(@PathVariable String id, @RequestBody Decision decision, Principal dpo) {
		if (decision.note() == null || decision.note().isBlank()) {
			return Problems.respond(HttpStatus.BAD_REQUEST, "note_required", "A refusal records why: give a note");
		}
		return requests.refuse(id, dpo.getName(), decision.note().strip()) ? ResponseEntity.ok(requests.find(id).orElseThrow())
				: Problems.respond(HttpStatus.NOT_FOUND, "unknown_request", "No open request has id " + id);
	}

}
