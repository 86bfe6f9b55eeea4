package org.proportion.cli;

import java.util.List;

import org.proportion.policy.Simulator;
import org.proportion.policy.Simulator.Change;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * {@code ./proportion simulate <meeting> <draft folder>}: what the draft would change, per role.
 * The launcher passes the folder's parent as the drafts folder and its name as the draft.
 */
@Component
@ConditionalOnProperty(name = "proportion.command", havingValue = "simulate")
class SimulateCommand implements CommandLineRunner, ExitCodeGenerator {

	private final Simulator simulator;

	private final String meeting;

	private final String draft;

	private int exitCode;

	SimulateCommand(Simulator simulator, @Value("${proportion.simulate.meeting}") String meeting,
			@Value("${proportion.simulate.draft}") String draft) {
		this.simulator = simulator;
		this.meeting = meeting;
		this.draft = draft;
	}

	@Override
	public void run(String... args) {
		try {
			List<Change> changes = simulator.simulate(meeting, draft);
			System.out.println(changes.size() + " decisions would change for meeting " + meeting + " under " + draft);
			for (Change c : changes) {
				System.out.printf("%-28s %-22s %-24s %s -> %s%n    was: %s (%s)%n    now: %s (%s)%n", c.role(),
						c.caseRef() == null ? "(trends)" : c.caseRef(), c.item(), c.oldAction(), c.newAction(), c.oldRule(),
						c.oldReason(), c.newRule(), c.newReason());
			}
		}
		catch (RuntimeException ex) {
			System.out.println("Simulation refused: " + ex.getMessage());
			exitCode = 1;
		}
	}

	@Override
	public int getExitCode() {
		return exitCode;
	}

}
