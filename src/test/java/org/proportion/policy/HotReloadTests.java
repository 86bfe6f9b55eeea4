package org.proportion.policy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.proportion.audit.DecisionLog;
import org.proportion.ingest.IntakeService;
import org.proportion.support.GatewayTestSupport;
import org.proportion.support.OpaServer;
import org.proportion.support.PolicyFolders;
import org.proportion.support.TestDatabases;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Safe hot reload on a copy of policies/ and an empty OPA server of its own: the gateway puts
 * the policies live, refuses a change that does not parse, fails its tests or leaves a decision
 * undefined, keeps building packs on the last good policies, and takes a good change.
 */
class HotReloadTests extends GatewayTestSupport {

	static final int GATEWAY_PORT = OpaServer.freePort();

	static final OpaServer EMPTY_OPA = OpaServer.pollingGateway(GATEWAY_PORT);

	static final Path POLICIES = PolicyFolders.copy();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		opa(registry, EMPTY_OPA);
		registry.add("server.port", () -> GATEWAY_PORT);
		folders(registry, tempDir());
		TestDatabases.h2(registry);
		registry.add("proportion.policies", POLICIES::toString);
		registry.add("proportion.policies.check-interval", () -> "3600000");
		registry.add("proportion.opa.binary", () -> OpaServer.binary().toString());
	}

	@AfterAll
	static void stop() {
		EMPTY_OPA.stop();
	}

	@Autowired
	PolicyLoader loader;

	@Autowired
	IntakeService intake;

	@Autowired
	TestRestTemplate rest;

	@Autowired
	DecisionLog decisionLog;

	@Autowired
	PolicyHistory policyHistory;

	String build() {
		var response = rest.withBasicAuth("admin", "admin-test")
			.postForEntity("/api/meetings/rs-mam-2026-12/packs", null, String.class);
		assertThat(response.getStatusCode()).isIn(HttpStatus.CREATED, HttpStatus.OK);
		return response.getBody();
	}

	@Test
	void badChangesAreRefusedAndTheLastGoodPoliciesStayLive() throws Exception {
		intake.fromFile("outreach/outreach-caseload.csv", sample("outreach/outreach-caseload.csv"));
		String firstRevision = loader.status().liveRevision();
		assertThat(firstRevision).as("policies loaded at start").isNotNull();
		String firstPack = packId(build());

		Path rego = POLICIES.resolve("proportion/sharing/sharing.rego");
		String good = Files.readString(rego);

		// Does not parse.
		Files.writeString(rego, good + "\nbroken := {\n");
		loader.check();
		assertThat(loader.status().refusal()).contains("do not parse or compile").contains("sharing.rego");
		assertThat(loader.status().liveRevision()).isEqualTo(firstRevision);
		build();

		// Parses, but its own tests fail: police would see nationality.
		String leaky = good.replace("needs_category(att, c) if c in role_needs(att)", "needs_category(_, _) if true");
		assertThat(leaky).isNotEqualTo(good);
		Files.writeString(rego, leaky);
		loader.check();
		assertThat(loader.status().refusal()).contains("their own tests fail");
		assertThat(loader.status().liveRevision()).isEqualTo(firstRevision);

		// Parses and passes what tests remain, but leaves the trends decision undefined.
		Files.writeString(rego, good);
		Path trends = POLICIES.resolve("proportion/trends/trends.rego");
		Path trendsTests = POLICIES.resolve("proportion/trends/trends_test.rego");
		String trendsGood = Files.readString(trends);
		String trendsTestsGood = Files.readString(trendsTests);
		Files.delete(trendsTests);
		Files.writeString(trends, "package proportion.trends\n\nunused := true\n");
		loader.check();
		assertThat(loader.status().refusal()).contains("undefined");
		assertThat(loader.status().liveRevision()).isEqualTo(firstRevision);
		build();
		Files.writeString(trends, trendsGood);
		Files.writeString(trendsTests, trendsTestsGood);

		// A good change goes live, and the packs built after it carry its revision.
		Files.writeString(rego, good + "\n# A DPO's note: reviewed in November.\n");
		loader.check();
		assertThat(loader.status().refusal()).isNull();
		assertThat(loader.status().liveRevision()).isNotEqualTo(firstRevision);
		String pack = build();
		assertThat(pack).contains("\"released\":true");
		assertThat(decisionLog.verify().valid()).isTrue();
		// Each decision names the policy revision that made it.
		String before = decisionLog.entriesOfPack(firstPack).get(0).policyRevision();
		String after = decisionLog.entriesOfPack(packId(pack)).get(0).policyRevision();
		assertThat(after).startsWith("bundle:").isNotEqualTo(before);

		// The DPO's history keeps each outcome, latest first, with OPA's message for each refusal.
		List<PolicyHistory.Event> history = policyHistory.latest(20)
			.stream()
			.filter(e -> e.kind() != PolicyHistory.Kind.RESENT)
			.toList();
		assertThat(history).extracting(PolicyHistory.Event::kind)
			.containsExactly(PolicyHistory.Kind.RELOADED, PolicyHistory.Kind.REFUSED, PolicyHistory.Kind.REFUSED,
					PolicyHistory.Kind.REFUSED, PolicyHistory.Kind.STARTED);
		assertThat(history.get(0).revision()).isEqualTo(loader.status().liveRevision());
		assertThat(history.get(1).message()).contains("undefined");
		assertThat(history.get(2).message()).contains("their own tests fail");
		assertThat(history.get(3).message()).contains("do not parse or compile").contains("sharing.rego");
		assertThat(history.get(4).revision()).isEqualTo(firstRevision);
	}

	static String packId(String summary) {
		return summary.replaceAll("(?s).*\"packId\":\"([^\"]+)\".*", "$1");
	}

}
