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

	@Test
	void anUnchangedPackRebuildScansNoNote() {
		intake.fromFile("outreach/outreach-caseload.csv", sample("outreach/outreach-caseload.csv"));
		long before = engine.scans();
		assertThat(build()).isEqualTo(HttpStatus.CREATED);
		long firstBuild = engine.scans() - before;
		assertThat(firstBuild).as("the first build scans the notes").isPositive();

		assertThat(build()).isEqualTo(HttpStatus.CREATED);
		assertThat(engine.scans() - before - firstBuild).as("notes scanned by the rebuild").isZero();
	}

}
