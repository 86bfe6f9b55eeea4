package org.proportion.web;

import java.util.List;

import org.proportion.access.ViewLog;
import org.proportion.retention.RetentionService;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** What a DPO checks: who opened which view, and which packs are due for deletion. */
@RestController
class DpoController {

	private final ViewLog viewLog;

	private final RetentionService retention;

	DpoController(ViewLog viewLog, RetentionService retention) {
		this.viewLog = viewLog;
		this.retention = retention;
	}

	@GetMapping("/api/dpo/meetings/{meeting}/views")
	List<ViewLog.Opening> views(@PathVariable String meeting) {
		return viewLog.ofMeeting(meeting);
	}

	@GetMapping("/api/dpo/retention")
	List<RetentionService.Due> retention() {
		return retention.due();
	}

}
