package org.proportion.access;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.proportion.audit.DecisionLog;
import org.proportion.audit.LogEntry;
import org.proportion.ingest.IntakeService;
import org.proportion.model.Action;
import org.proportion.retention.RetentionService;
import org.proportion.support.GatewayTestSupport;
import org.proportion.support.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retention: links stop working and views are deleted once the meeting is more than the
 * partnership's retention period ago; the deletion is in the decision log, whose chain still
 * verifies; a DPO sees what is due before it happens.
 */
class RetentionTests extends GatewayTestSupport {

	static final String MAM = "rs-mam-2026-12";

	@TestConfiguration
	static class Time {

		@Bean
		@Primary
		MutableClock testClock() {
			return new MutableClock(Instant.parse("2026-12-01T09:00:00Z"));
		}

	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		embeddedDefaults(registry);
		registry.add("proportion.retention.days", () -> "30");
	}

	@Autowired
	MutableClock clock;

	@Autowired
	TestRestTemplate rest;

	@Autowired
	IntakeService intake;

	@Autowired
	AccessLinks links;

	@Autowired
	RetentionService retention;

	@Autowired
	DecisionLog decisionLog;

	@Autowired
	JdbcClient jdbc;

	@Test
	void packsAndLinksAreDeletedWhenRetentionEndsAndTheDeletionIsLogged() {
		intake.fromFile("outreach/outreach-caseload.csv", sample("outreach/outreach-caseload.csv"));
		rest.withBasicAuth("admin", "admin-test").postForEntity("/api/meetings/{m}/packs", null, String.class, MAM);
		String link = links.issue(MAM, "mam-police");
		assertThat(rest.getForEntity("/v/{t}", String.class, link).getStatusCode()).isEqualTo(HttpStatus.OK);

		// The DPO sees it coming: the meeting on 8 December, deleted on 8 January.
		List<RetentionService.Due> due = retention.due();
		assertThat(due).singleElement().satisfies(d -> {
			assertThat(d.meetingId()).isEqualTo(MAM);
			assertThat(d.deleteOn()).hasToString("2027-01-08");
			assertThat(d.overdue()).isFalse();
		});
		assertThat(retention.overdueMeetings()).isEmpty();

		clock.set(Instant.parse("2027-01-08T01:00:00Z"));
		assertThat(rest.getForEntity("/v/{t}", String.class, link).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(retention.overdueMeetings()).containsExactly(MAM);
		assertThat(retention.purge(MAM)).isEqualTo(1);

		assertThat(jdbc.sql("select count(*) from attendee_view").query(Integer.class).single()).isZero();
		assertThat(jdbc.sql("select count(*) from access_link").query(Integer.class).single()).isZero();
		assertThat(jdbc.sql("select status from pack where meeting_id = ?").param(MAM).query(String.class).list())
			.containsOnly("deleted");
		List<LogEntry> deletions = decisionLog.entriesOfPack(MAM + "-v1")
			.stream()
			.filter(e -> e.decision().action() == Action.DELETE)
			.toList();
		assertThat(deletions).hasSize(6).allSatisfy(e -> assertThat(e.decision().rule()).isEqualTo("retention.deleted"));
		assertThat(decisionLog.verify().valid()).isTrue();
		assertThat(retention.due()).isEmpty();
	}

}
