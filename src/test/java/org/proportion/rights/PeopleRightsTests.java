package org.proportion.rights;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.proportion.access.AccessLinks;
import org.proportion.audit.DecisionLog;
import org.proportion.cases.CaseRepository;
import org.proportion.ingest.IntakeService;
import org.proportion.support.GatewayTestSupport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a case worker and a DPO can tell a person: the ledger of what was shared about them, a
 * subject access report, a plain-language notice; and erasure, with its Art 19 notices.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
class PeopleRightsTests extends GatewayTestSupport {

	static final String MAM = "rs-mam-2026-12";

	static final String WOMAN = "outreach:OR-1001";

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		embeddedDefaults(registry);
	}

	@Autowired
	TestRestTemplate rest;

	@Autowired
	IntakeService intake;

	@Autowired
	AccessLinks links;

	@Autowired
	DecisionLog decisionLog;

	@Autowired
	CaseRepository cases;

	@Autowired
	ObjectMapper json;

	TestRestTemplate dpo;

	@BeforeEach
	void buildTheRoughSleepingPack() {
		intake.fromFile("outreach/outreach-caseload.csv", sample("outreach/outreach-caseload.csv"));
		rest.withBasicAuth("admin", "admin-test").postForEntity("/api/meetings/{m}/packs", null, String.class, MAM);
		dpo = rest.withBasicAuth("dpo", "dpo-test");
	}

	Map<String, String> viewActions(String attendee) throws Exception {
		JsonNode view = json.readTree(rest.getForObject("/v/{t}/json", String.class, links.issue(MAM, attendee)));
		JsonNode woman = StreamSupport.stream(view.path("cases").spliterator(), false)
			.filter(c -> "outreach:OR-1001".equals(c.path("reference").asText()))
			.findFirst()
			.orElseThrow();
		Map<String, String> actions = new LinkedHashMap<>();
		woman.path("fields").forEach(f -> actions.put(f.path("field").asText(), f.path("action").asText()));
		return actions;
	}

	@Test
	void theLedgerListsExactlyWhatEachViewHoldsAndWhy() throws Exception {
		// Found by name and date of birth, sent in a body: never in a URL.
		JsonNode refs = json.readTree(dpo.postForObject("/api/dpo/people/find",
				Map.of("name", "agnieszka NOWAK", "dob", "1992-03-14"), String.class));
		assertThat(refs).hasSize(1);
		assertThat(refs.get(0).path("caseRef").asText()).isEqualTo(WOMAN);
		JsonNode ledger = json.readTree(dpo.getForObject("/api/dpo/people/ledger?ref={r}", String.class, WOMAN));
		for (String attendee : List.of("mam-police", "mam-health", "mam-housing")) {
			Map<String, String> fromLedger = new LinkedHashMap<>();
			for (JsonNode entry : ledger) {
				if (entry.path("packId").asText().startsWith(MAM) && entry.path("recipientRole").asText()
					.equals(attendee.equals("mam-police") ? "police_officer"
							: attendee.equals("mam-health") ? "health_practitioner" : "housing_options_officer")
						&& !entry.path("item").asText().equals("case")) {
					fromLedger.put(entry.path("item").asText(), entry.path("action").asText());
					if (!entry.path("action").asText().equals("withhold")) {
						assertThat(entry.path("basis").asText()).as(attendee + " " + entry.path("item")).isNotBlank();
					}
				}
			}
			assertThat(fromLedger).as(attendee).isEqualTo(viewActions(attendee));
		}
		assertThat(ledger.toString()).doesNotContain("Agnieszka");

		JsonNode nobody = json.readTree(dpo.getForObject("/api/dpo/people/ledger?ref={r}", String.class, "outreach:OR-1010"));
		assertThat(nobody).isEmpty();
	}

	@Test
	void theAccessReportHoldsTheirDataButNoOtherPersonsName() throws Exception {
		ResponseEntity<String> opened = dpo.postForEntity("/api/dpo/access-requests",
				Map.of("ref", WOMAN, "receivedOn", "2026-11-20"), String.class);
		assertThat(opened.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		JsonNode request = json.readTree(opened.getBody());
		assertThat(request.path("dueOn").asText()).isEqualTo("2026-12-20");
		String report = dpo.getForObject("/api/dpo/access-requests/{id}/report", String.class, request.path("id").asText());
		assertThat(report).contains("Agnieszka Nowak", "Aga", "depression", "Northshire Police", "Information Commissioner")
			.doesNotContain("Zielinski", "Marek");
		ResponseEntity<byte[]> pdf = dpo.getForEntity("/api/dpo/access-requests/{id}/report.pdf", byte[].class,
				request.path("id").asText());
		assertThat(pdf.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(new String(pdf.getBody(), 0, 5)).isEqualTo("%PDF-");
	}

	@Test
	void theNoticeSaysWhoWasToldWhatAndNeverThatWithheldDetailsWereShared() {
		String notice = dpo.getForObject("/api/dpo/people/notice?ref={r}", String.class, WOMAN);
		assertThat(notice).contains("Northshire Police was told your name", "Northgate Homeless Health Team (NHS) was told")
			.contains("Northgate Street Outreach holds your record")
			.contains("Northgate Borough Council Housing Options (housing options officer) was told your name")
			.contains("Northshire Police was not told anything about")
			.contains("Northgate University research team was not told anything about you.");
		String policeLine = java.util.Arrays.stream(notice.split("</li>"))
			.filter(l -> l.contains("Northshire Police was told"))
			.findFirst()
			.orElseThrow();
		assertThat(policeLine).doesNotContain("your health", "your nationality", "what help you need");
		String easy = dpo.getForObject("/api/dpo/people/notice?ref={r}&easyRead=true", String.class, WOMAN);
		// Grouped per organisation (see NoticesTests): named once, then short sentences about "they".
		assertThat(easy).contains("<bdi>Northshire Police</bdi>", "They know your name")
			.doesNotContain("Northshire Police knows", "Northshire Police does not know");
	}

	@Test
	void erasureRemovesTheDataTellsEarlierRecipientsAndKeepsTheChain() throws Exception {
		assertThat(viewActions("mam-police")).isNotEmpty();
		JsonNode erased = json.readTree(dpo.postForObject("/api/dpo/people/{r}/erasure", null, String.class, WOMAN));
		assertThat(erased.path("recipientsTold").asInt()).isGreaterThanOrEqualTo(5);

		assertThat(cases.find(WOMAN)).isEmpty();
		String police = rest.getForObject("/v/{t}/json", String.class, links.issue(MAM, "mam-police"));
		assertThat(police).doesNotContain("Agnieszka", "OR-1001\",\"fields");
		JsonNode notices = json.readTree(dpo.getForObject("/api/dpo/people/{r}/recipient-notices", String.class, WOMAN));
		assertThat(notices.findValuesAsText("ATTENDEE_ID").isEmpty() ? notices.findValuesAsText("attendee_id")
				: notices.findValuesAsText("ATTENDEE_ID")).contains("mam-police", "mam-health", "mam-housing");
		assertThat(decisionLog.verify().valid()).isTrue();
		assertThat(decisionLog.entriesOfPack(MAM + "-v1"))
			.anySatisfy(e -> assertThat(e.decision().rule()).isEqualTo("rights.erasure"));

		// The agency's next export does not bring her back.
		intake.fromFile("outreach/again.csv", (new String(sample("outreach/outreach-caseload.csv"))
				+ "OR-1999,New Person,,01/01/1990,Male,British,,,rough_sleeping,,,,,,,,,\n").getBytes());
		assertThat(cases.find("outreach:OR-1999")).isPresent();
		assertThat(cases.find(WOMAN)).isEmpty();
	}

	/**
	 * The organiser took her off the agenda after the pack was released (an edit does not change a
	 * pack already sent, so the attendees' views still hold her): her erasure still reaches it.
	 */
	@Test
	void erasureReachesAPackReleasedBeforeTheCaseLeftTheAgenda(
			@Autowired org.proportion.schedule.MeetingCalendar calendar,
			@Autowired org.proportion.partnership.PartnershipRepository partnership) throws Exception {
		org.proportion.model.Meeting m = partnership.meeting(MAM).orElseThrow();
		Map<String, java.util.List<String>> purposes = new LinkedHashMap<>(m.purposes());
		purposes.remove(WOMAN);
		calendar.update(new org.proportion.model.Meeting(m.id(), m.title(), m.type(), m.purpose(), m.date(), m.cohort(),
				m.attendees(), m.agenda().stream().filter(c -> !c.equals(WOMAN)).toList(), m.startsAt(),
				m.buildHoursBefore(), m.organiserEmail(), m.repeatEveryDays(), purposes, m.requestedFields()), "admin");
		assertThat(rest.getForObject("/v/{t}/json", String.class, links.issue(MAM, "mam-police"))).contains("Agnieszka");

		dpo.postForObject("/api/dpo/people/{r}/erasure", null, String.class, WOMAN);
		// Rebuilt, not withdrawn: the attendees open a new version without her.
		for (String attendee : java.util.List.of("mam-police", "mam-health", "mam-outreach")) {
			var view = rest.getForEntity("/v/{t}/json", String.class, links.issue(MAM, attendee));
			assertThat(view.getStatusCode().value()).as(attendee).isEqualTo(200);
			assertThat(json.readTree(view.getBody()).path("pack").path("version").asInt()).as(attendee).isEqualTo(2);
			assertThat(view.getBody()).as(attendee).doesNotContain("Agnieszka", "Nowak", "OR-1001");
		}
		assertThat(decisionLog.verify().valid()).isTrue();
	}

	@Test
	void namesakesAreShownAsSeparateCandidatesAndAReportIsAboutOnePerson() throws Exception {
		// Another person, at the day centre, with the same name and date of birth.
		org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
		headers.setContentType(org.springframework.http.MediaType.APPLICATION_JSON);
		String namesake = "[{\"clientRef\": \"DC-7001\", \"name\": \"Agnieszka Nowak\", \"dateOfBirth\": \"1992-03-14\","
				+ " \"nationality\": \"Czech\"}]";
		assertThat(rest.withBasicAuth("day-centre", "agency-test")
			.postForEntity("/api/intake/day-centre", new org.springframework.http.HttpEntity<>(namesake, headers), String.class)
			.getStatusCode()).isEqualTo(HttpStatus.OK);
		Map<String, String> person = Map.of("name", "Agnieszka Nowak", "dob", "1992-03-14");

		JsonNode candidates = json.readTree(dpo.postForObject("/api/dpo/people/find", person, String.class));
		assertThat(candidates).hasSize(2);
		assertThat(candidates.findValuesAsText("caseRef")).containsExactlyInAnyOrder(WOMAN, "day-centre:DC-7001");
		assertThat(candidates.findValuesAsText("source")).doesNotHaveDuplicates();

		ResponseEntity<String> ambiguous = dpo.postForEntity("/api/dpo/access-requests", person, String.class);
		assertThat(ambiguous.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(json.readTree(ambiguous.getBody()).path("candidates")).hasSize(2);

		JsonNode request = json.readTree(dpo.postForObject("/api/dpo/access-requests", Map.of("ref", "day-centre:DC-7001"),
				String.class));
		String report = dpo.getForObject("/api/dpo/access-requests/{id}/report", String.class, request.path("id").asText());
		assertThat(report).contains("Czech").doesNotContain("Polish", "OR-1001", "Northshire Police (police officer)");
	}

	@Test
	void aCorrectionIsValidatedStoredAndToldToThoseWhoReceivedTheField() throws Exception {
		ResponseEntity<String> bad = dpo.postForEntity("/api/dpo/people/{r}/correction",
				Map.of("field", "date_of_birth", "value", "14/03/1992"), String.class, WOMAN);
		assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		JsonNode told = json.readTree(dpo.postForObject("/api/dpo/people/{r}/correction",
				Map.of("field", "date_of_birth", "value", "1992-03-15"), String.class, WOMAN));
		assertThat(told.path("recipientsTold").asInt()).isPositive();
		assertThat(cases.find(WOMAN).orElseThrow().fields()).containsEntry("date_of_birth", "1992-03-15");
		assertThat(decisionLog.verify().valid()).isTrue();

		// The agency's next export still holds the old date: the correction stands, and the agency
		// is told which record and column disagree, never the values.
		org.springframework.http.HttpHeaders csv = new org.springframework.http.HttpHeaders();
		csv.setContentType(org.springframework.http.MediaType.valueOf("text/csv"));
		String export = new String(sample("outreach/outreach-caseload.csv"))
				+ "OR-1998,Another Person,,01/01/1990,Male,British,,,rough_sleeping,,,,,,,,,\n";
		ResponseEntity<String> stored = rest.withBasicAuth("outreach", "agency-test")
			.postForEntity("/api/intake/outreach", new org.springframework.http.HttpEntity<>(export, csv), String.class);
		assertThat(stored.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(cases.find("outreach:OR-1998")).isPresent();
		assertThat(cases.find(WOMAN).orElseThrow().fields()).containsEntry("date_of_birth", "1992-03-15");
		JsonNode notes = json.readTree(stored.getBody()).path("notes");
		assertThat(notes).hasSize(1);
		assertThat(notes.get(0).asText()).contains("Record 1", "'dob'", "correction")
			.doesNotContain("1992", "14/03", "Agnieszka", "OR-1001");
		assertThat(cases.correctionConflicts(WOMAN)).hasSize(1)
			.allSatisfy(c -> assertThat(c).containsEntry("FIELD", "date_of_birth"));
	}

	@Test
	void anObjectionTakesEffectInTheNextPackAndShowsInTheLedger() throws Exception {
		dpo.postForObject("/api/dpo/people/{r}/objection", null, String.class, WOMAN);
		var admin = rest.withBasicAuth("admin", "admin-test");
		admin.postForEntity("/api/meetings/{m}/packs", null, String.class, MAM);
		// The sample agenda records a safeguarding concern for her: the guidance lets that concern
		// override her objection, for what the risk needs and queued for the DPO's review.
		String police = rest.getForObject("/v/{t}/json", String.class, links.issue(MAM, "mam-police"));
		assertThat(police).contains("Agnieszka", "Queued for DPO review");
		// Once the organiser records no such concern for her, her objection holds.
		admin.put("/api/meetings/{m}/agenda/{c}/purposes", Map.of("purposes", java.util.List.of()), MAM, WOMAN);
		admin.postForEntity("/api/meetings/{m}/packs", null, String.class, MAM);
		police = rest.getForObject("/v/{t}/json", String.class, links.issue(MAM, "mam-police"));
		// The view does not say why: that she objected is hers, not the reader's, to know.
		assertThat(police).doesNotContain("Agnieszka", "objected").contains("Not shared with your role for this case.");
		String ledger = dpo.getForObject("/api/dpo/people/ledger?ref={r}", String.class, WOMAN);
		assertThat(ledger).contains("sharing.refused");
		// Her access report still lists what the police received before she objected.
		JsonNode request = json.readTree(dpo.postForObject("/api/dpo/access-requests", Map.of("ref", WOMAN), String.class));
		String report = dpo.getForObject("/api/dpo/access-requests/{id}/report", String.class, request.path("id").asText());
		assertThat(report).contains("Northshire Police (police officer)", "name (share;");
	}

}
