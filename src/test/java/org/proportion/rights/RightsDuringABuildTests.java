package org.proportion.rights;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.proportion.access.AccessLinks;
import org.proportion.audit.DecisionLog;
import org.proportion.ingest.IntakeService;
import org.proportion.pack.PackBuilder;
import org.proportion.pack.PackSummary;
import org.proportion.support.GatewayTestSupport;
import org.proportion.support.OpaRelay;
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
 * A person's erasure arrives while the schedule is building their meeting's pack from records it
 * read before the erasure, and the erasure's own rebuild gives up waiting for that build (another
 * gateway's, or a long one here). The build must not release what it read: the attendees' links
 * open a version without her, never the erased data. The build is held at its first policy
 * question by a relay in front of the real OPA server ({@link OpaRelay}), after it read the records.
 */
class RightsDuringABuildTests extends GatewayTestSupport {

	static final OpaServer OPA = OpaServer.start();

	static final OpaRelay RELAY = new OpaRelay(OPA);

	static final String MAM = "rs-mam-2026-12";

	static final String WOMAN = "outreach:OR-1001";

	static final String CASELOAD = "outreach/outreach-caseload.csv";

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		// Each case is asked, so the held build has a question to be held at.
		opaThroughRelay(registry, RELAY, OPA);
		// The erasure's rebuild waits this long for the build in progress, then withdraws the views.
		registry.add("proportion.cluster.build-wait", () -> "1s");
		folders(registry, tempDir());
		TestDatabases.h2(registry);
	}

	@AfterAll
	static void stop() {
		RELAY.stop();
		OPA.stop();
	}

	@Autowired
	IntakeService intake;

	@Autowired
	PackBuilder builder;

	@Autowired
	AccessLinks links;

	@Autowired
	DecisionLog decisionLog;

	@Autowired
	TestRestTemplate rest;

	@Test
	void aBuildThatReadARecordBeforeItsErasureReleasesAVersionWithoutHer() throws Exception {
		intake.fromFile(CASELOAD, sample(CASELOAD));
		assertThat(builder.build(MAM).released()).isTrue();
		String police = links.issue(MAM, "mam-police");
		assertThat(rest.getForObject("/v/{t}/json", String.class, police)).contains("Agnieszka Nowak");
		// The agency's next export changes another person's note: the pack is due a new version.
		String changed = new String(sample(CASELOAD), StandardCharsets.UTF_8).replace(
				"OR-1002,Anderson Nogueira,,09/12/1984,Male,Portuguese,07700 985978,\"Underpass near the station, Station Quarter\",rough_sleeping,substance_use;alcohol;physical_health;no_recourse_to_public_funds;benefits,,,Seen on outreach shift.",
				"OR-1002,Anderson Nogueira,,09/12/1984,Male,Portuguese,07700 985978,\"Underpass near the station, Station Quarter\",rough_sleeping,substance_use;alcohol;physical_health;no_recourse_to_public_funds;benefits,,,Seen on outreach shift by the river.");
		assertThat(changed).contains("by the river");
		intake.fromFile("outreach/next.csv", changed.getBytes(StandardCharsets.UTF_8));

		CountDownLatch held = new CountDownLatch(1);
		CountDownLatch go = new CountDownLatch(1);
		RELAY.beforeSharingQuery(n -> {
			if (n == 1) {
				held.countDown();
				try {
					go.await(60, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
		});
		CompletableFuture<PackSummary> scheduled = CompletableFuture.supplyAsync(() -> builder.build(MAM));
		try {
			assertThat(held.await(60, TimeUnit.SECONDS)).as("the build reached its first policy question").isTrue();
			// Her erasure commits while the build holds her record; its rebuild gives up after 1 s
			// and withdraws the meeting's views.
			ResponseEntity<String> erased = rest.withBasicAuth("dpo", "dpo-test")
				.postForEntity("/api/dpo/people/{r}/erasure", null, String.class, WOMAN);
			assertThat(erased.getStatusCode()).isEqualTo(HttpStatus.OK);
			assertThat(rest.getForEntity("/v/{t}/json", String.class, police).getStatusCode())
				.isEqualTo(HttpStatus.NOT_FOUND);
		}
		finally {
			go.countDown();
		}

		PackSummary released = scheduled.get(120, TimeUnit.SECONDS);
		assertThat(released.released()).isTrue();
		ResponseEntity<String> view = rest.getForEntity("/v/{t}/json", String.class, police);
		assertThat(view.getStatusCode()).isEqualTo(HttpStatus.OK);
		// The other change reached the view; she did not.
		assertThat(view.getBody()).contains("\"version\":2", "Seen on outreach shift by the river.")
			.doesNotContain("Agnieszka", "Nowak", "OR-1001", "Polish ID");
		// Still on the agenda, she is logged as a case with no record: withheld from everyone.
		assertThat(decisionLog.entriesOfPack(released.packId()).stream().filter(e -> WOMAN.equals(e.caseRef())))
			.isNotEmpty()
			.allSatisfy(e -> assertThat(e.decision().action().wire()).isEqualTo("withhold"));
		assertThat(decisionLog.verify().valid()).isTrue();
	}

}
