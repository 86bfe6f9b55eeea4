package org.proportion.policy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.proportion.ingest.IntakeService;
import org.proportion.support.GatewayTestSupport;
import org.proportion.support.OpaServer;
import org.proportion.support.PolicyFolders;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The simulator on a draft copy of policies/: a DPO lets police see nationality at the rough
 * sleeping meeting, and the simulator shows exactly the decisions that change, and nothing else.
 */
class SimulatorTests extends GatewayTestSupport {

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		embeddedDefaults(registry);
		registry.add("proportion.opa.binary", () -> OpaServer.binary().toString());
	}

	@Autowired
	Simulator simulator;

	@Autowired
	IntakeService intake;

	@Autowired
	TestRestTemplate rest;

	@Autowired
	ObjectMapper json;

	Path draft;

	@BeforeEach
	void draftCopyOfThePolicies() {
		intake.fromFile("outreach/outreach-caseload.csv", sample("outreach/outreach-caseload.csv"));
		draft = PolicyFolders.copy();
	}

	@Test
	void aChangedDataFileShowsExactlyTheDecisionsItChanges() throws IOException {
		Path data = draft.resolve("proportion/sharing/data.json");
		JsonNode settings = json.readTree(data.toFile());
		((com.fasterxml.jackson.databind.node.ArrayNode) settings.path("settings").path("needs")
			.path("rough_sleeping_response").path("police_officer")).add("nationality");
		json.writeValue(data.toFile(), settings);

		List<Simulator.Change> changes = simulator.simulate("rs-mam-2026-12", draft);

		assertThat(changes).hasSize(3).allSatisfy(c -> {
			assertThat(c.role()).isEqualTo("police_officer");
			assertThat(c.item()).isEqualTo("nationality");
			assertThat(c.oldAction()).isEqualTo("withhold");
			assertThat(c.newAction()).isEqualTo("share");
			assertThat(c.oldRule()).isEqualTo("sharing.not_needed");
			assertThat(c.newRule()).isEqualTo("sharing.needed");
			assertThat(c.newReason()).contains("police officer needs nationality");
		});
		assertThat(changes).extracting(Simulator.Change::caseRef)
			.containsExactlyInAnyOrder("outreach:OR-1001", "outreach:OR-1002", "outreach:OR-1003");
	}

	@Test
	void theLivePoliciesAgainstThemselvesChangeNothing() {
		assertThat(simulator.simulate("rs-mam-2026-12", draft)).isEmpty();
	}

	@Test
	void aDraftThatDoesNotParseIsRefusedWithOpasMessage() throws IOException {
		Files.writeString(draft.resolve("proportion/sharing/sharing.rego"), "package proportion.sharing\n\ndecision := {\n");
		assertThatThrownBy(() -> simulator.simulate("rs-mam-2026-12", draft)).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("do not load")
			.hasMessageContaining("sharing.rego");
	}

	@Test
	void dposRunTheSimulatorOverRestAndNobodyElseDoes() {
		Map<String, String> request = Map.of("meeting", "rs-mam-2026-12", "draft", draft.toString());
		ResponseEntity<String> asDpo = rest.withBasicAuth("dpo", "dpo-test").postForEntity("/api/dpo/simulations", request,
				String.class);
		assertThat(asDpo.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(asDpo.getBody()).isEqualTo("[]");
		assertThat(rest.withBasicAuth("admin", "admin-test").postForEntity("/api/dpo/simulations", request, String.class)
			.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
	}

}
