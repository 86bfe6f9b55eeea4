package org.proportion.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.proportion.model.Action;
import org.proportion.model.Decision;

import static org.assertj.core.api.Assertions.assertThat;

/** Whatever shape a decision arrives in, anything not clearly allowed is a withhold. */
class DecisionParsingTests {

	final ObjectMapper json = new ObjectMapper();

	Decision parse(String decision) throws Exception {
		return PolicyService.parse(json.readTree(decision), "rough_sleeping_response");
	}

	@Test
	void aCompleteShareIsKept() throws Exception {
		Decision d = parse("""
				{"action": "share", "basis": "UK GDPR Art 6(1)(e) public task", "condition": null,
				 "purpose": "rough_sleeping_response", "rule": "sharing.needed", "reason": "needed"}""");
		assertThat(d.action()).isEqualTo(Action.SHARE);
		assertThat(d.basis()).contains("public task");
	}

	@Test
	void aMissingDecisionIsWithheld() {
		Decision d = PolicyService.parse(json.missingNode(), "p");
		assertThat(d.action()).isEqualTo(Action.WITHHOLD);
		assertThat(d.rule()).isEqualTo("policy.no_decision");
	}

	@Test
	void anUnknownActionIsWithheld() throws Exception {
		Decision d = parse("{\"action\": \"share_everything\", \"basis\": \"x\", \"rule\": \"r\", \"reason\": \"r\"}");
		assertThat(d.action()).isEqualTo(Action.WITHHOLD);
		assertThat(d.rule()).isEqualTo("policy.invalid_decision");
	}

	@Test
	void aShareWithoutALawfulBasisIsWithheld() throws Exception {
		Decision d = parse("{\"action\": \"share\", \"basis\": null, \"rule\": \"r\", \"reason\": \"r\"}");
		assertThat(d.action()).isEqualTo(Action.WITHHOLD);
		assertThat(d.rule()).isEqualTo("policy.incomplete_decision");
	}

	@Test
	void aDecisionWithoutARuleIsWithheld() throws Exception {
		JsonNode node = json.readTree("{\"action\": \"generalise\", \"basis\": \"b\", \"reason\": \"r\"}");
		assertThat(PolicyService.parse(node, "p").action()).isEqualTo(Action.WITHHOLD);
	}

	@Test
	void aBlankRuleOrReasonIsWithheld() throws Exception {
		for (String decision : new String[] {
				"{\"action\": \"share\", \"basis\": \"b\", \"rule\": \"\", \"reason\": \"needed\"}",
				"{\"action\": \"share\", \"basis\": \"b\", \"rule\": \"sharing.needed\", \"reason\": \"\"}",
				"{\"action\": \"share\", \"basis\": \"b\", \"rule\": \"  \", \"reason\": \"needed\"}",
				"{\"action\": \"share\", \"basis\": \"b\", \"rule\": {}, \"reason\": \"needed\"}" }) {
			Decision d = parse(decision);
			assertThat(d.action()).as(decision).isEqualTo(Action.WITHHOLD);
			assertThat(d.rule()).as(decision).isEqualTo("policy.incomplete_decision");
		}
	}

	@Test
	void anEmptyOrNonStringBasisIsNoBasisAndTheShareIsWithheld() throws Exception {
		for (String basis : new String[] { "{}", "\"\"", "[]", "42", "true", "{\"art6\": \"e\"}" }) {
			Decision d = parse("{\"action\": \"generalise\", \"generalisation\": \"age_band\", \"basis\": " + basis
					+ ", \"rule\": \"sharing.needed\", \"reason\": \"needed\"}");
			assertThat(d.action()).as(basis).isEqualTo(Action.WITHHOLD);
			assertThat(d.rule()).as(basis).isEqualTo("policy.incomplete_decision");
		}
		// The same decision with a basis is kept: the check is not withholding everything.
		assertThat(parse("""
				{"action": "generalise", "generalisation": "age_band", "basis": "UK GDPR Art 6(1)(e) public task",
				 "rule": "sharing.needed", "reason": "needed"}""").action()).isEqualTo(Action.GENERALISE);
	}

}
