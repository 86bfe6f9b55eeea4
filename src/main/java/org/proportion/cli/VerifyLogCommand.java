package org.proportion.cli;

import org.proportion.audit.DecisionLog;
import org.proportion.audit.Verification;
import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * {@code proportion.command=verify-log}: walks every entry of the decision log's chain, checks it
 * against the keyed checkpoints under .data/log-anchor/, and exits 0 or 1 naming the first break.
 */
@Component
@ConditionalOnProperty(name = "proportion.command", havingValue = "verify-log")
class VerifyLogCommand implements CommandLineRunner, ExitCodeGenerator {

	private final DecisionLog decisionLog;

	private int exitCode;

	VerifyLogCommand(DecisionLog decisionLog) {
		this.decisionLog = decisionLog;
	}

	@Override
	public void run(String... args) {
		Verification result = decisionLog.verify();
		if (result.valid()) {
			System.out.println("Decision log verified: " + result.entries() + " entries, chain intact, anchored by keyed "
					+ "checkpoints through entry " + result.anchoredThrough() + ".");
		}
		else {
			System.out.println("Decision log BROKEN at entry " + result.firstBroken() + ": " + result.problem());
			exitCode = 1;
		}
	}

	@Override
	public int getExitCode() {
		return exitCode;
	}

}
