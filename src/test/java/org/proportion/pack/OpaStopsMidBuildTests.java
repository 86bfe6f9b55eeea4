package org.proportion.pack;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.proportion.access.AccessLinks;
import org.proportion.audit.DecisionLog;
import org.proportion.ingest.IntakeService;
import org.proportion.model.Meeting;
import org.proportion.partnership.PartnershipRepository;
import org.proportion.support.GatewayTestSupport;
import org.proportion.support.OpaRelay;
import org.proportion.support.OpaServer;
import org.proportion.support.TestDatabases;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Fail closed with the case decisions asked in parallel: the real OPA server is stopped after it
 * has answered a few of a large meeting's cases, while other decisions are in flight. Nothing is
 * released, no decision already made reaches a view or the log, the failure is on record, and
 * the next build succeeds. The gateway reaches OPA through a loopback relay that only counts the
 * sharing queries ({@link OpaRelay}), so the stop happens at the same point every run.
 */
class OpaStopsMidBuildTests extends GatewayTestSupport {

	static final OpaServer OPA = OpaServer.start();

	static final OpaRelay RELAY = new OpaRelay(OPA);

	static final String MEETING = "rs-mam-large";

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		// OPA is stopped after it has answered a number of cases, so each case is asked.
		opaThroughRelay(registry, RELAY, OPA);
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
	PartnershipRepository partnership;

	@Autowired
	PackBuilder builder;

	@Autowired
	PackRepository packs;

	@Autowired
	DecisionLog decisionLog;

	@Autowired
	AccessLinks links;

	@Autowired
	TestRestTemplate rest;

	@Test
	void opaStoppingWhileCasesAreDecidedInParallelReleasesNothingAndTheNextBuildSucceeds() {
		intake.fromFile("outreach/outreach-caseload.csv", sample("outreach/outreach-caseload.csv"));
		Meeting sample = partnership.meeting("rs-mam-2026-12").orElseThrow();
		List<String> agenda = new ArrayList<>();
		for (int i = 1; i <= 36; i++) {
			agenda.add(String.format("outreach:OR-1%03d", i));
		}
		List<org.proportion.model.Attendee> attendees = sample.attendees()
			.stream()
			.map(a -> new org.proportion.model.Attendee("large-" + a.id(), a.name(), a.role(), a.organisationId()))
			.toList();
		partnership.addIfNew(new Meeting(MEETING, "Large meeting", sample.type(), sample.purpose(), sample.date(),
				sample.cohort(), attendees, agenda, null, null, null, null, sample.purposes(), null));
		String link = links.issue(MEETING, "large-mam-police");

		RELAY.beforeSharingQuery(n -> {
			if (n == 9) {
				OPA.stop();
			}
		});
		try {
			assertThatThrownBy(() -> builder.build(MEETING)).isInstanceOf(PackBuildFailed.class)
				.hasMessageNotContaining("Agnieszka");
			assertThat(RELAY.sharingQueries()).isGreaterThan(8);
			assertThat(packs.releasedCount(MEETING)).isZero();
			assertThat(packs.latestPack(MEETING)).hasValueSatisfying(p -> {
				assertThat(p.get("status")).isEqualTo("failed");
				assertThat(p.get("failure_code")).isEqualTo("policy_unreachable");
			});
			// Only the withhold of the whole pack, one per attendee: none of the cases decided before the stop.
			assertThat(decisionLog.entriesOfPack(MEETING + "-v1")).hasSize(sample.attendees().size())
				.allSatisfy(e -> {
					assertThat(e.item()).isEqualTo("pack");
					assertThat(e.caseRef()).isNull();
					assertThat(e.decision().rule()).isEqualTo("gateway.fail_closed");
				});
			assertThat(rest.getForEntity("/v/{t}", String.class, link).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		}
		finally {
			RELAY.beforeSharingQuery(n -> {
			});
			OPA.restart();
		}

		PackSummary built = builder.build(MEETING);
		assertThat(built.released()).isTrue();
		String page = rest.getForObject("/v/{t}", String.class, link);
		assertThat(page).contains("Agnieszka Nowak");
		// Every case of the agenda decided and logged for every attendee, in one chain.
		assertThat(decisionLog.entriesOfPack(built.packId()).stream().filter(e -> "case".equals(e.item())).count())
			.isEqualTo(36L * sample.attendees().size());
		assertThat(decisionLog.verify().valid()).isTrue();
	}

}
