package org.proportion.pack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.proportion.access.AccessLinks;
import org.proportion.audit.DecisionLog;
import org.proportion.ingest.IntakeService;
import org.proportion.support.GatewayTestSupport;
import org.proportion.support.OpaServer;
import org.proportion.support.TestDatabases;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fail closed: with the real OPA server stopped, a build releases nothing and records why; once
 * OPA is back, the same request builds the pack. This class owns its OPA server, so stopping it
 * does not disturb other tests.
 */
class PolicyEngineDownTests extends GatewayTestSupport {

	static final OpaServer OPA = OpaServer.start();

	static final String MAM = "rs-mam-2026-12";

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		opa(registry, OPA);
		folders(registry, tempDir());
		TestDatabases.h2(registry);
	}

	@AfterAll
	static void stopOpa() {
		OPA.stop();
	}

	@Autowired
	TestRestTemplate rest;

	@Autowired
	IntakeService intake;

	@Autowired
	PackRepository packs;

	@Autowired
	DecisionLog decisionLog;

	@Autowired
	ObjectMapper json;

	@Autowired
	AccessLinks links;

	TestRestTemplate admin() {
		return rest.withBasicAuth("admin", "admin-test");
	}

	@Test
	void noPackIsReleasedWhileOpaIsDownAndTheRetrySucceedsWhenItIsBack() throws Exception {
		intake.fromFile("outreach/outreach-caseload.csv", sample("outreach/outreach-caseload.csv"));
		String policeLink = links.issue(MAM, "mam-police");
		OPA.stop();
		try {
			ResponseEntity<String> refused = admin().postForEntity("/api/meetings/{m}/packs", null, String.class, MAM);
			assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
			JsonNode reason = json.readTree(refused.getBody());
			assertThat(reason.path("released").asBoolean()).isFalse();
			assertThat(reason.path("code").asText()).isEqualTo("policy_unreachable");
			assertThat(refused.getBody()).doesNotContain("Agnieszka");

			// Nothing to open, the failure is on record, and the log says nothing was released.
			ResponseEntity<String> page = rest.getForEntity("/v/{t}", String.class, policeLink);
			assertThat(page.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
			assertThat(page.getBody()).doesNotContain("Agnieszka");
			assertThat(packs.releasedCount(MAM)).isZero();
			assertThat(packs.latestPack(MAM)).hasValueSatisfying(p -> {
				assertThat(p.get("status")).isEqualTo("failed");
				assertThat(p.get("failure_code")).isEqualTo("policy_unreachable");
			});
			String failedPack = MAM + "-v1";
			assertThat(decisionLog.entriesOfPack(failedPack)).hasSize(6)
				.allSatisfy(e -> {
					assertThat(e.item()).isEqualTo("pack");
					assertThat(e.decision().action().wire()).isEqualTo("withhold");
					assertThat(e.decision().rule()).isEqualTo("gateway.fail_closed");
				});
		}
		finally {
			OPA.restart();
		}

		ResponseEntity<String> built = admin().postForEntity("/api/meetings/{m}/packs", null, String.class, MAM);
		assertThat(built.getStatusCode()).isIn(HttpStatus.CREATED, HttpStatus.OK);
		// The same link now opens the pack.
		assertThat(rest.getForObject("/v/{t}", String.class, policeLink)).contains("Agnieszka Nowak");
		assertThat(packs.releasedCount(MAM)).isEqualTo(1);
		assertThat(decisionLog.verify().valid()).isTrue();
	}


	/**
	 * The DPO reviews an emergency share while OPA is down: the rebuild that would take out what it
	 * released fails, so the responder's view (which holds it) is withdrawn until a build
	 * succeeds; the other attendees keep theirs, which never held it.
	 */
	@Test
	void aReviewedEmergencyWhoseRebuildFailsLeavesItsResponderNothingRatherThanWhatItReleased() throws Exception {
		intake.fromFile("outreach/outreach-caseload.csv", sample("outreach/outreach-caseload.csv"));
		admin().postForEntity("/api/meetings/{m}/packs", null, String.class, MAM);
		ResponseEntity<String> released = admin().postForEntity("/api/meetings/{m}/cases/{c}/emergency",
				java.util.Map.of("requestedBy", "Sam Okafor", "reason", "Found unresponsive; paramedics need her history",
						"responders", java.util.List.of("mam-police")),
				String.class, MAM, "outreach:OR-1001");
		assertThat(released.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		String id = json.readTree(released.getBody()).path("emergency").path("id").asText();
		assertThat(rest.getForObject("/v/{t}", String.class, links.issue(MAM, "mam-police"))).contains("depression");

		OPA.stop();
		try {
			ResponseEntity<String> review = rest.withBasicAuth("dpo", "dpo-test")
				.postForEntity("/api/dpo/review-queue/{id}", java.util.Map.of("justification", "Risk to life"), String.class, id);
			assertThat(review.getStatusCode()).isEqualTo(HttpStatus.OK);
			ResponseEntity<String> police = rest.getForEntity("/v/{t}", String.class, links.issue(MAM, "mam-police"));
			assertThat(police.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
			assertThat(police.getBody()).doesNotContain("depression", "Agnieszka");
			assertThat(rest.getForEntity("/v/{t}", String.class, links.issue(MAM, "mam-health")).getStatusCode())
				.isEqualTo(HttpStatus.OK);
		}
		finally {
			OPA.restart();
		}

		admin().postForEntity("/api/meetings/{m}/packs", null, String.class, MAM);
		String after = rest.getForObject("/v/{t}", String.class, links.issue(MAM, "mam-police"));
		assertThat(after).contains("Agnieszka").doesNotContain("depression");
	}

}
