package org.proportion.policy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.proportion.cases.CaseRepository;
import org.proportion.ingest.IntakeService;
import org.proportion.model.Action;
import org.proportion.model.Attendee;
import org.proportion.model.CaseRecord;
import org.proportion.model.DataSharingAgreement;
import org.proportion.model.Meeting;
import org.proportion.model.Organisation;
import org.proportion.partnership.PartnershipRepository;
import org.proportion.support.GatewayTestSupport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A build reads OPA's answer for a case once for all cases with the same facts (the answer is
 * kept by its whole input, and so is its reading), on the real OPA server: the same facts at the
 * same meeting share one reading; other facts, or the same person at a meeting with other
 * attendees, get their own; and a shared reading cannot be changed by whoever holds it.
 */
class SharedReadingsTests extends GatewayTestSupport {

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		embeddedDefaults(registry);
	}

	@Autowired
	PolicyService policy;

	@Autowired
	IntakeService intake;

	@Autowired
	CaseRepository cases;

	@Autowired
	PartnershipRepository partnership;

	static final List<String> FIELDS = List.of("name", "date_of_birth", "gender", "nationality", "sleep_site",
			"housing_status", "notes");

	CaseDecision decide(Meeting meeting, String caseRef) {
		Map<String, Organisation> organisations = partnership.organisationsById();
		List<DataSharingAgreement> agreements = partnership.agreements();
		CaseRecord record = cases.find(caseRef).orElseThrow();
		// As a build asks: with the purposes the meeting gives the case, no emergency, no objection.
		return policy.decideCase(meeting, record, FIELDS, organisations, agreements, null, false);
	}

	@Test
	void casesWithTheSameFactsShareOneReadingAndOtherFactsOrAnotherMeetingGetTheirOwn() {
		intake.fromFile("outreach/outreach-caseload.csv", sample("outreach/outreach-caseload.csv"));
		Meeting mam = partnership.meeting("rs-mam-2026-12").orElseThrow();

		// Two adults, neither asked for agreement, no flags, the same fields: the same question.
		CaseDecision anderson = decide(mam, "outreach:OR-1002");
		CaseDecision sue = decide(mam, "outreach:OR-1003");
		assertThat(sue).isSameAs(anderson);
		assertThat(anderson.byAttendee()).containsOnlyKeys(mam.attendees().stream().map(Attendee::id).toList());

		// A safeguarding concern on the agenda is another fact: its own answer and reading, and
		// the police see her name where they see only a pseudonym for the others.
		CaseDecision agnieszka = decide(mam, "outreach:OR-1001");
		assertThat(agnieszka).isNotSameAs(anderson);
		assertThat(agnieszka.byAttendee().get("mam-police").fields().get("name").action()).isEqualTo(Action.SHARE);
		assertThat(anderson.byAttendee().get("mam-police").fields().get("name").action())
			.isNotEqualTo(Action.SHARE);

		// The same person at a meeting with other attendees: a reading of that meeting's own.
		Meeting panel = partnership.meeting("panel-2026-12").orElseThrow();
		CaseDecision atPanel = decide(panel, "outreach:OR-1002");
		assertThat(atPanel).isNotSameAs(anderson);
		assertThat(atPanel.byAttendee()).containsOnlyKeys(panel.attendees().stream().map(Attendee::id).toList());

		// Nobody holding a shared reading can change it for the other cases.
		assertThatThrownBy(() -> anderson.byAttendee().remove("mam-police"))
			.isInstanceOf(UnsupportedOperationException.class);
		assertThatThrownBy(() -> anderson.byAttendee().get("mam-health").fields().clear())
			.isInstanceOf(UnsupportedOperationException.class);
	}

}
