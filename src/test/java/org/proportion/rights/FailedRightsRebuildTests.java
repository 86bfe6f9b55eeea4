package org.proportion.rights;

import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.proportion.access.AccessLinks;
import org.proportion.audit.DecisionLog;
import org.proportion.audit.LogEntry;
import org.proportion.ingest.IntakeService;
import org.proportion.pack.PackRepository;
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
 * A person's erasure rebuilds every meeting whose views hold them. When that rebuild fails (here
 * the real OPA server, which this class owns, is stopped), the meeting's views are withdrawn so
 * nobody opens the erased data; the schedule then retries the build like any failed one, also for
 * a meeting that has started (its views stay open after it), and the attendees' links open again
 * on a version without the person. Nobody has to notice and rebuild by hand.
 */
@Import(MovableTime.class)
class FailedRightsRebuildTests extends GatewayTestSupport {

	static final OpaServer OPA = OpaServer.start();

	static final String MAM = "rs-mam-2026-12";

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		opa(registry, OPA);
		folders(registry, tempDir());
		TestDatabases.h2(registry);
		// A failed build is tried again a second after it failed (30 s in production).
		registry.add("proportion.schedule.retry-backoff", () -> "1s");
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
	DecisionLog decisionLog;

	@Autowired
	PackRepository packRepository;

	@Test
	void aStartedMeetingWhoseRebuildAfterAnErasureFailedIsRebuiltByTheScheduleWithoutThePerson() throws Exception {
		Packs packs = new Packs(rest, links, json);
		intake.fromFile("outreach/outreach-caseload.csv", sample("outreach/outreach-caseload.csv"));
		packs.build(MAM);
		String first = packRepository.latestReleasedId(MAM).orElseThrow();
		assertThat(packs.html(MAM, "mam-police")).contains("Agnieszka Nowak");
		assertThat(Packs.cases(packs.view(MAM, "mam-health"))).hasSize(3);
		// The meeting (8 December) has started; its views stay open until retention.
		clock.set(Instant.parse("2026-12-08T15:00:00Z"));

		OPA.stop();
		try {
			ResponseEntity<String> erased = rest.withBasicAuth("dpo", "dpo-test")
				.postForEntity("/api/dpo/people/{r}/erasure", null, String.class, "outreach:OR-1001");
			assertThat(erased.getStatusCode()).isEqualTo(HttpStatus.OK);
			for (String attendee : new String[] { "mam-police", "mam-health" }) {
				ResponseEntity<String> view = rest.getForEntity("/v/{t}", String.class, links.issue(MAM, attendee));
				assertThat(view.getStatusCode()).as(attendee).isEqualTo(HttpStatus.NOT_FOUND);
				assertThat(view.getBody()).as(attendee).doesNotContain("Agnieszka", "Nowak");
			}
			// Each view taken back is in the decision log, with why.
			assertThat(Packs.withdrawals(decisionLog, first)).extracting(LogEntry::attendeeId)
				.contains("mam-police", "mam-health")
				.doesNotHaveDuplicates();
			assertThat(Packs.withdrawals(decisionLog, first))
				.allSatisfy(e -> assertThat(e.decision().rule()).isEqualTo("withdrawn.rights_changed"));
		}
		finally {
			OPA.restart();
		}

		// Once the backoff has passed, the schedule's run builds it again.
		Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
		while (!scheduler.retryableMeetings().contains(MAM)) {
			assertThat(Instant.now()).as("the failed rebuild becomes retryable").isBefore(deadline);
			Thread.sleep(100);
		}
		scheduler.tick();
		for (String attendee : new String[] { "mam-police", "mam-health" }) {
			ResponseEntity<String> view = rest.getForEntity("/v/{t}/json", String.class, links.issue(MAM, attendee));
			assertThat(view.getStatusCode()).as(attendee).isEqualTo(HttpStatus.OK);
			assertThat(view.getBody()).as(attendee).doesNotContain("Agnieszka", "Nowak", "OR-1001", "Polish ID");
		}
		// The other people on the agenda are still there.
		assertThat(Packs.cases(packs.view(MAM, "mam-health"))).extracting(c -> c.path("heading").asText())
			.containsExactly("Anderson Nogueira", "Sue Tella");
		// Built once: the next run has nothing to do.
		assertThat(scheduler.retryableMeetings()).doesNotContain(MAM);
		assertThat(scheduler.dueMeetings()).doesNotContain(MAM);
		assertThat(decisionLog.verify().valid()).isTrue();
	}

}
