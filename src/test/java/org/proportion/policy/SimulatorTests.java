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
		registry.add("proportion.simulator.drafts", DRAFTS::toString);
	}

	static final Path DRAFTS = tempDir();

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
		draft = PolicyFolders.copyInto(DRAFTS.resolve("draft-" + (++drafts)));
	}

	static int drafts;

	String name() {
		return draft.getFileName().toString();
	}

	@Test
	void aChangedDataFileShowsExactlyTheDecisionsItChanges() throws IOException {
		Path data = draft.resolve("proportion/sharing/data.json");
		JsonNode settings = json.readTree(data.toFile());
		((com.fasterxml.jackson.databind.node.ArrayNode) settings.path("settings").path("needs")
			.path("rough_sleeping_response").path("police_officer")).add("nationality");
		json.writeValue(data.toFile(), settings);

		List<Simulator.Change> changes = simulator.simulate("rs-mam-2026-12", name());

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
		assertThat(simulator.simulate("rs-mam-2026-12", name())).isEmpty();
	}

	@Test
	void aDraftThatDoesNotParseIsRefusedWithOpasMessage() throws IOException {
		Files.writeString(draft.resolve("proportion/sharing/sharing.rego"), "package proportion.sharing\n\ndecision := {\n");
		assertThatThrownBy(() -> simulator.simulate("rs-mam-2026-12", name())).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("do not load")
			.hasMessageContaining("proportion/sharing/sharing.rego")
			.hasMessageNotContaining(DRAFTS.toString())
			.hasMessageNotContaining("/tmp");
	}

	@Test
	void aDraftThatCallsTheNetworkOrReadsTheEnvironmentIsRefusedBeforeAnyServerLoadsIt() throws IOException {
		Path rego = draft.resolve("proportion/sharing/leak.rego");
		Files.writeString(rego, "package proportion.sharing\n\nleak := http.send({\"method\": \"get\", \"url\": \"http://127.0.0.1:9/\"})\n");
		assertThatThrownBy(() -> simulator.simulate("rs-mam-2026-12", name())).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("http.send")
			.hasMessageNotContaining("/tmp");
		Files.writeString(rego, "package proportion.sharing\n\nenv := opa.runtime().env\n");
		assertThatThrownBy(() -> simulator.simulate("rs-mam-2026-12", name())).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("opa.runtime");
	}

	@Test
	void aDraftOutsideTheDraftsFolderIsRefusedWithA400ThatNamesNoServerPath() throws IOException {
		Files.createSymbolicLink(DRAFTS.resolve("escape"), Path.of("/"));
		for (String outside : List.of("/", "/etc", "../", "..", "escape", draft.toString(), "no-such-draft")) {
			ResponseEntity<String> refused = rest.withBasicAuth("dpo", "dpo-test")
				.postForEntity("/api/dpo/simulations", Map.of("meeting", "rs-mam-2026-12", "draft", outside), String.class);
			assertThat(refused.getStatusCode()).as(outside).isEqualTo(HttpStatus.BAD_REQUEST);
			assertThat(refused.getBody()).as(outside).contains("draft").doesNotContain("/tmp", "/work", "/etc", "/root");
		}
	}

	@Test
	void dposRunTheSimulatorOverRestAndNobodyElseDoes() {
		Map<String, String> request = Map.of("meeting", "rs-mam-2026-12", "draft", name());
		ResponseEntity<String> asDpo = rest.withBasicAuth("dpo", "dpo-test").postForEntity("/api/dpo/simulations", request,
				String.class);
		assertThat(asDpo.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(asDpo.getBody()).isEqualTo("[]");
		assertThat(rest.withBasicAuth("admin", "admin-test").postForEntity("/api/dpo/simulations", request, String.class)
			.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
	}

}
