package org.proportion.web;

import org.proportion.audit.DecisionLog;
import org.proportion.audit.Verification;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Lets a DPO check the decision log's hash chain. */
@RestController
class AuditController {

	private final DecisionLog decisionLog;

	AuditController(DecisionLog decisionLog) {
		this.decisionLog = decisionLog;
	}

	@GetMapping("/api/decision-log/verification")
	Verification verify() {
		return decisionLog.verify();
	}

}
