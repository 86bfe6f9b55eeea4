package org.proportion.policy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.proportion.support.OpaServer;

import static org.assertj.core.api.Assertions.assertThat;

/** The DPO's own checks on policies/, run by the real OPA binary as part of the suite. */
class PolicySuiteTests {

	record Run(int exit, String output) {
	}

	Run opa(String... args) throws IOException, InterruptedException {
		List<String> command = new java.util.ArrayList<>(List.of(OpaServer.binary().toString()));
		command.addAll(List.of(args));
		Process process = new ProcessBuilder(command).directory(OpaServer.projectDir().toFile())
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		return new Run(process.waitFor(), output);
	}

	@Test
	void policyTestsPass() throws Exception {
		Run run = opa("test", "policies");
		assertThat(run.exit()).as(run.output()).isZero();
		assertThat(run.output()).contains("PASS");
	}

	@Test
	void policiesAreStrictlyValidAndFormatted() throws Exception {
		Run check = opa("check", "--strict", "policies");
		assertThat(check.exit()).as(check.output()).isZero();
		Run fmt = opa("fmt", "--fail", "--list", "policies");
		assertThat(fmt.exit()).as("unformatted: " + fmt.output()).isZero();
	}

}
