package org.proportion.pack;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.proportion.access.AccessLinks;
import org.proportion.audit.DecisionLog;
import org.proportion.ingest.IntakeService;
import org.proportion.schedule.PackScheduler;
import org.proportion.support.GatewayTestSupport;
import org.proportion.support.MovableTime;
import org.proportion.support.MutableClock;
import org.proportion.support.OpaServer;
import org.proportion.support.Packs;
import org.proportion.support.TestDatabases;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An emergency share ends when 72 hours pass without the DPO's review; the schedule then rebuilds
 * the meeting without what it released. If that rebuild fails (here the real OPA server, which
 * this class owns, is stopped), the responder's view, which still holds it, is withdrawn until a
 * build succeeds: nobody keeps an emergency's release past its end while the rebuild is retried.
 */
@Import(MovableTime.class)
class EmergencyExpiryTests extends GatewayTestSupport {

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
	AccessLinks links;

	@Autowired
	PackScheduler scheduler;

	@Autowired
	MutableClock clock;

	@Autowired
	ObjectMapper json;

	@Autowired
	PackRepository packRepository;

	@Autowired
	DecisionLog decisionLog;

	@Test
	void anEmergencyThatEndsUnreviewedWhileOpaIsDownLeavesItsResponderNothingRatherThanWhatItReleased() throws Exception {
		TestRestTemplate admin = rest.withBasicAuth("admin", "admin-test");
		intake.fromFile("outreach/outreach-caseload.csv", sample("outreach/outreach-caseload.csv"));
		admin.postForEntity("/api/meetings/{m}/packs", null, String.class, MAM);
		ResponseEntity<String> released = admin.postForEntity("/api/meetings/{m}/cases/{c}/emergency",
				Map.of("requestedBy", "Sam Okafor", "reason", "Found unresponsive; paramedics need her history",
						"responders", List.of("mam-police")),
				String.class, MAM, "outreach:OR-1001");
		assertThat(released.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(rest.getForObject("/v/{t}", String.class, links.issue(MAM, "mam-police"))).contains("depression");
		String withEmergency = packRepository.latestReleasedId(MAM).orElseThrow();

		// 73 hours on, nobody has reviewed it, and the policy engine is down at the schedule's run.
		clock.set(clock.instant().plus(Duration.ofHours(73)));
		OPA.stop();
		try {
			scheduler.tick();
			ResponseEntity<String> police = rest.getForEntity("/v/{t}", String.class, links.issue(MAM, "mam-police"));
			assertThat(police.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
			assertThat(police.getBody()).doesNotContain("depression", "Agnieszka");
			// The attendees it did not name keep their views, which never held it.
			ResponseEntity<String> health = rest.getForEntity("/v/{t}", String.class, links.issue(MAM, "mam-health"));
			assertThat(health.getStatusCode()).isEqualTo(HttpStatus.OK);
			assertThat(health.getBody()).contains("Agnieszka");
			// The decision log says the responder's view was taken back, and why; only theirs.
			assertThat(Packs.withdrawals(decisionLog, withEmergency)).singleElement().satisfies(e -> {
				assertThat(e.attendeeId()).isEqualTo("mam-police");
				assertThat(e.decision().rule()).isEqualTo("withdrawn.emergency_ended");
			});
		}
		finally {
			OPA.restart();
		}

		// Once a build succeeds, the responder opens a view without the emergency's release.
		assertThat(admin.postForEntity("/api/meetings/{m}/packs", null, String.class, MAM).getStatusCode())
			.isIn(HttpStatus.CREATED, HttpStatus.OK);
		String after = rest.getForObject("/v/{t}", String.class, links.issue(MAM, "mam-police"));
		assertThat(after).contains("Agnieszka").doesNotContain("depression");
	}

}
