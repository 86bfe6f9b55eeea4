package org.proportion.policy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.proportion.support.PolicyFolders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bundle's revision is what the gateway compares with what OPA serves, so it must change with
 * every byte that can change a decision and with nothing else.
 */
class PolicyBundleTests {

	@Test
	void theSamePoliciesGiveTheSameRevision() {
		Path policies = PolicyFolders.copy();
		assertThat(PolicyBundle.of(policies).revision()).isEqualTo(PolicyBundle.of(PolicyFolders.copy()).revision())
			.hasSize(64);
	}

	@Test
	void aChangedRuleOrDataDocumentGivesANewRevision() throws IOException {
		Path policies = PolicyFolders.copy();
		String before = PolicyBundle.of(policies).revision();

		Path rego = policies.resolve("proportion/sharing/sharing.rego");
		Files.writeString(rego, Files.readString(rego) + "\n# reviewed\n");
		String afterRule = PolicyBundle.of(policies).revision();
		assertThat(afterRule).isNotEqualTo(before);

		Path data = policies.resolve("proportion/sharing/data.json");
		Files.writeString(data, Files.readString(data).replaceFirst("\\{", "{\"reviewed\": true, "));
		assertThat(PolicyBundle.of(policies).revision()).isNotEqualTo(afterRule).isNotEqualTo(before);
	}

	@Test
	void testsAndNotesOutsideTheBundleDoNotChangeTheRevision() throws IOException {
		Path policies = PolicyFolders.copy();
		String before = PolicyBundle.of(policies).revision();
		Path tests = policies.resolve("proportion/sharing/sharing_test.rego");
		Files.writeString(tests, Files.readString(tests) + "\n# another test idea\n");
		Files.writeString(policies.resolve("NOTES.md"), "A DPO's notes.\n");
		assertThat(PolicyBundle.of(policies).revision()).isEqualTo(before);
	}

}
