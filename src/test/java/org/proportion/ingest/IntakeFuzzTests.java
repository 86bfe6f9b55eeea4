package org.proportion.ingest;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.proportion.access.AccessLinks;
import org.proportion.fuzz.FuzzCampaign;
import org.proportion.pack.PackBuilder;
import org.proportion.support.GatewayTestSupport;
import org.proportion.support.TestDatabases;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A short fuzz run for CI, the same fuzzer and checks as {@code ./proportion fuzz}: mutated CSV
 * and JSON drops from a fixed seed, half through the inbox and half through REST, while an
 * attendee keeps opening their view. Every drop ends stored whole or parked with a reason that
 * quotes none of its values, and the view never fails meanwhile.
 */
class IntakeFuzzTests extends GatewayTestSupport {

	static final Path WORK = tempDir();

	static final int DROPS = 400;

	static final long SEED = 12L;

	static final String MEETING = "rs-mam-2026-12";

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		sharedOpa(registry);
		folders(registry, WORK);
		TestDatabases.h2(registry);
		// Low enough that some fuzzed drops (huge fields) go over it, as real ones would.
		registry.add("proportion.intake.max-bytes", () -> "131072");
	}

	@LocalServerPort
	int port;

	@Autowired
	IntakeService intake;

	@Autowired
	PackBuilder packs;

	@Autowired
	AccessLinks links;

	@Autowired
	AgencyMappings mappings;

	@Autowired
	JdbcClient jdbc;

	@Test
	void everyFuzzedDropIsStoredWholeOrParkedWithAValueFreeReasonWhileViewsKeepBeingServed() throws Exception {
		intake.fromFile("outreach/outreach-caseload.csv", sample("outreach/outreach-caseload.csv"));
		intake.fromFile("day-centre/day-centre-clients.json", sample("day-centre/day-centre-clients.json"));
		intake.fromFile("housing-options/open-applications.csv", sample("housing-options/open-applications.csv"));
		packs.build(MEETING);
		String token = links.issue(MEETING, "mam-outreach");

		FuzzCampaign campaign = new FuzzCampaign(new FuzzCampaign.Target("http://127.0.0.1:" + port, WORK.resolve("inbox"),
				WORK.resolve("dead-letter"), WORK.resolve("archive"), WORK.resolve("staging"), jdbc,
				Map.of("outreach", "agency-test", "day-centre", "agency-test", "housing-options", "agency-test"),
				"admin-test", "/v/" + token), FuzzCampaign.vocabulary(mappings));
		FuzzCampaign.Report report = campaign.run(DROPS, SEED);
		System.out.println(report.summary());

		assertThat(report.violations()).as("drops neither stored whole nor parked with a value-free reason").isEmpty();
		assertThat(report.stored() + report.parked()).isEqualTo(DROPS);
		assertThat(report.stored()).as("some fuzzed drops are still good drops").isPositive();
		assertThat(report.parkedByCode()).as("several kinds of bad drop were parked").hasSizeGreaterThan(5);
		assertThat(report.viewRequests()).as("the view was opened throughout").isGreaterThan(20);
		assertThat(report.viewErrors()).as("failed view requests").isZero();
	}

}
