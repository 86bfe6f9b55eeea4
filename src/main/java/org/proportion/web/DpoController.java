package org.proportion.web;

import java.util.List;
import java.util.NoSuchElementException;

import org.proportion.access.ViewLog;
import org.proportion.policy.Simulator;
import org.proportion.retention.RetentionService;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** What a DPO checks: who opened which view, what a draft policy would change, what is due for deletion. */
@RestController
class DpoController {

	private final ViewLog viewLog;

	private final RetentionService retention;

	private final Simulator simulator;

	DpoController(ViewLog viewLog, RetentionService retention, Simulator simulator) {
		this.viewLog = viewLog;
		this.retention = retention;
		this.simulator = simulator;
	}

	@GetMapping("/api/dpo/meetings/{meeting}/views")
	List<ViewLog.Opening> views(@PathVariable String meeting) {
		return viewLog.ofMeeting(meeting);
	}

	record SimulationRequest(String meeting, String draft) {
	}

	/** What a draft of the policies (a folder, by name, in the drafts folder) would change for a stored meeting. */
	@PostMapping("/api/dpo/simulations")
	ResponseEntity<?> simulate(@RequestBody SimulationRequest request) {
		try {
			return ResponseEntity.ok(simulator.simulate(request.meeting(), request.draft()));
		}
		catch (IllegalArgumentException | NoSuchElementException ex) {
			return Problems.respond(HttpStatus.BAD_REQUEST, "invalid_simulation", ex.getMessage());
		}
	}

	@GetMapping("/api/dpo/retention")
	List<RetentionService.Due> retention() {
		return retention.due();
	}

}
