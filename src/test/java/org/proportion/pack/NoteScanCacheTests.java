package org.proportion.pack;

import org.junit.jupiter.api.Test;
import org.proportion.ingest.IntakeService;
import org.proportion.redact.RedactionEngine;
import org.proportion.support.GatewayTestSupport;
import org.proportion.support.OpaServer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pack build scans each note once and keeps the analysis: rebuilding a pack whose notes have
 * not changed scans no note at all, through the real build, OPA and database.
 */
class NoteScanCacheTests extends GatewayTestSupport {

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		embeddedDefaults(registry);
		registry.add("proportion.redaction.models", () -> OpaServer.projectDir().resolve(".tools/models").toString());
	}

	@Autowired
	TestRestTemplate rest;

	@Autowired
	IntakeService intake;

	@Autowired
	RedactionEngine engine;

	HttpStatus build() {
		return HttpStatus.valueOf(rest.withBasicAuth("admin", "admin-test")
			.postForEntity("/api/meetings/rs-mam-2026-12/packs", null, String.class)
			.getStatusCode()
			.value());
	}

	@Autowired
	NotesOnArrival arrival;

	// Notes are scanned in the background as records arrive; wait until that is done.
	void awaitArrivalScans() throws InterruptedException {
		long deadline = System.nanoTime() + 60_000_000_000L;
		do {
			Thread.sleep(50);
		}
		while (arrival.waiting() > 0 && System.nanoTime() < deadline);
		assertThat(arrival.waiting()).as("records still waiting to be scanned").isZero();
	}

	@Test
	void anUnchangedPackRebuildScansNoNote() throws Exception {
		long before = engine.scans();
		intake.fromFile("outreach/outreach-caseload.csv", sample("outreach/outreach-caseload.csv"));
		assertThat(build()).isIn(HttpStatus.CREATED, HttpStatus.OK);
		awaitArrivalScans();
		long firstBuild = engine.scans() - before;
		assertThat(firstBuild).as("the notes were scanned, on arrival or by the first build").isPositive();

		assertThat(build()).isIn(HttpStatus.CREATED, HttpStatus.OK);
		assertThat(engine.scans() - before - firstBuild).as("notes scanned by the rebuild").isZero();
	}

	@Test
	void notesAreScannedAsTheyArriveSoTheNextBuildScansNone() throws Exception {
		// A note nobody has scanned yet: the sample export with one note reworded.
		String export = new String(sample("outreach/outreach-caseload.csv"), java.nio.charset.StandardCharsets.UTF_8);
		String reworded = export.replaceFirst("(?i)\\bseen\\b", "Met " + System.nanoTime() + " and seen");
		assertThat(reworded).as("the sample has a note to reword").isNotEqualTo(export);
		long before = engine.scans();
		intake.fromFile("outreach/reworded.csv", reworded.getBytes(java.nio.charset.StandardCharsets.UTF_8));
		awaitArrivalScans();
		assertThat(engine.scans() - before).as("notes scanned on arrival").isPositive();

		long arrived = engine.scans();
		assertThat(build()).isIn(HttpStatus.CREATED, HttpStatus.OK);
		assertThat(engine.scans() - arrived).as("notes scanned by the build after they arrived").isZero();
	}

}
