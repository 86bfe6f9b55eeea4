package org.proportion.pack;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.proportion.access.AccessLinks;
import org.proportion.audit.DecisionLog;
import org.proportion.audit.LogEntry;
import org.proportion.cases.CaseRepository;
import org.proportion.ingest.IntakeService;
import org.proportion.model.CaseRecord;
import org.proportion.model.Meeting;
import org.proportion.partnership.PartnershipRepository;
import org.proportion.support.GatewayTestSupport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The webinar's two case studies, end to end: the sample drops taken in, both packs built
 * through the REST route against the real OPA server, and each attendee's view read back as
 * they would receive it. Run on H2 and on PostgreSQL by the subclasses.
 */
abstract class CaseStudiesTests extends GatewayTestSupport {

	static final String MAM = "rs-mam-2026-12";

	static final String PANEL = "panel-2026-12";

	static final String WOMAN = "outreach:OR-1001";

	@Autowired
	TestRestTemplate rest;

	@Autowired
	IntakeService intake;

	@Autowired
	DecisionLog decisionLog;

	@Autowired
	CaseRepository cases;

	@Autowired
	PartnershipRepository partnership;

	@Autowired
	ObjectMapper json;

	@Autowired
	AccessLinks links;

	@BeforeEach
	void takeInSamples() {
		intake.fromFile("outreach/outreach-caseload.csv", sample("outreach/outreach-caseload.csv"));
		intake.fromFile("day-centre/day-centre-clients.json", sample("day-centre/day-centre-clients.json"));
		intake.fromFile("housing-options/open-applications.csv", sample("housing-options/open-applications.csv"));
	}

	JsonNode build(String meeting) throws Exception {
		ResponseEntity<String> response = rest.withBasicAuth("admin", "admin-test")
			.postForEntity("/api/meetings/{m}/packs", null, String.class, meeting);
		assertThat(response.getStatusCode()).isIn(HttpStatus.CREATED, HttpStatus.OK);
		return json.readTree(response.getBody());
	}

	/** Opens the attendee's view the way they would: with their own personal link. */
	JsonNode view(String meeting, String attendee) throws Exception {
		ResponseEntity<String> response = rest.getForEntity("/v/{t}/json", String.class, links.issue(meeting, attendee));
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		return json.readTree(response.getBody());
	}

	String html(String meeting, String attendee) {
		return rest.getForObject("/v/{t}", String.class, links.issue(meeting, attendee));
	}

	static JsonNode caseHeaded(JsonNode view, String heading) {
		return StreamSupport.stream(view.path("cases").spliterator(), false)
			.filter(c -> c.path("heading").asText().equals(heading))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no case headed " + heading));
	}

	static JsonNode field(JsonNode caseView, String name) {
		return StreamSupport.stream(caseView.path("fields").spliterator(), false)
			.filter(f -> f.path("field").asText().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no field " + name));
	}

	@Test
	void policeViewOfCaseOneNamesTheWomanWithoutNationalityOrSupportNeedsAndKeepsTrends() throws Exception {
		build(MAM);
		JsonNode police = view(MAM, "mam-police");

		JsonNode woman = caseHeaded(police, "Agnieszka Nowak");
		assertThat(field(woman, "nationality").path("action").asText()).isEqualTo("withhold");
		assertThat(field(woman, "nationality").path("value").isNull()).isTrue();
		assertThat(field(woman, "support_needs").path("action").asText()).isEqualTo("withhold");
		assertThat(field(woman, "health_conditions").path("value").isNull()).isTrue();
		assertThat(field(woman, "age").path("value").asText()).isEqualTo("25-34");
		assertThat(field(woman, "sleep_site").path("value").asText()).isEqualTo("Northgate area");
		assertThat(woman.toString()).doesNotContain("Polish", "mental_health", "depression", "sertraline", "old cinema",
				"07700", "Zielinski");

		// Her note reaches the police without her alias (the aliases field is withheld from them),
		// the third party, her health or her number.
		JsonNode note = field(woman, "notes");
		assertThat(note.path("action").asText()).isEqualTo("redact");
		assertThat(note.path("value").asText()).startsWith("Met [PERSON] on the Tuesday shift")
			.contains("[removed]", "[PHONE]", "took her phone")
			.doesNotContain("[HEALTH]", "[NRP]")
			.doesNotContain("Aga");

		assertThat(police.path("trends")).hasSize(4);
		police.path("trends").forEach(t -> assertThat(t.path("withheld").asBoolean()).isFalse());

		String page = html(MAM, "mam-police");
		assertThat(page).contains("Agnieszka Nowak", "Trends", "withheld")
			.doesNotContain("depression", "sertraline", "old cinema", "07700 900123", "07700 900456", "Zielinski");
	}

	@Test
	void healthViewOfCaseOneHasSupportNeedsUnderAnArt9Condition() throws Exception {
		build(MAM);
		JsonNode needs = field(caseHeaded(view(MAM, "mam-health"), "Agnieszka Nowak"), "support_needs");
		assertThat(needs.path("action").asText()).isEqualTo("share");
		assertThat(needs.path("value").asText()).contains("mental_health");
		assertThat(needs.path("condition").asText()).contains("Art 9(2)(h)", "Sch 1 para 2");
		assertThat(needs.path("basis").asText()).contains("Art 6(1)(f)");

		// Health read the health details in her note, but not the third party's name.
		String note = field(caseHeaded(view(MAM, "mam-health"), "Agnieszka Nowak"), "notes").path("value").asText();
		assertThat(note).contains("depression", "sertraline", "[PERSON]").doesNotContain("Zielinski");
	}

	@Test
	void coordinatorSeesThePersonUnderAPseudonymStableWithinThePack() throws Exception {
		build(MAM);
		JsonNode coordinator = view(MAM, "mam-coordinator");
		assertThat(coordinator.path("cases").findValuesAsText("heading")).containsExactly("Person A", "Person B", "Person C");
		assertThat(coordinator.toString()).doesNotContain("Agnieszka", "Nowak", "Aga ", "Zielinski");
		// Her note calls her by the same pseudonym as the case heading.
		assertThat(field(caseHeaded(coordinator, "Person A"), "notes").path("value").asText()).startsWith("Met Person A ");
	}

	@Test
	void hostelViewOfCaseTwoHasTheRiskFlagAndNotTheOffence() throws Exception {
		build(PANEL);
		JsonNode hostel = view(PANEL, "panel-hostel");
		JsonNode client = caseHeaded(hostel, "Daniel Mercer");
		JsonNode flag = field(client, "risk_flags");
		assertThat(flag.path("action").asText()).isEqualTo("generalise");
		assertThat(flag.path("value").asText())
			.isEqualTo("Risk to women: contact Harbour Day Centre's safeguarding lead before any placement decision");
		assertThat(flag.path("condition").asText()).contains("Sch 1 para 18");
		assertThat(field(client, "offences").path("action").asText()).isEqualTo("withhold");
		assertThat(hostel.toString()).doesNotContainIgnoringCase("sexual assault").doesNotContain("licence", "Karen");
		assertThat(field(client, "notes").path("value").asText()).contains("Daniel", "[CRIMINAL]", "[PERSON]");
		assertThat(html(PANEL, "panel-hostel")).contains("Risk to women").doesNotContainIgnoringCase("sexual assault");

		// The safeguarding share is in the decision log, on its condition.
		String pack = hostel.path("pack").path("id").asText();
		assertThat(decisionLog.entriesOfPack(pack))
			.anySatisfy(e -> {
				assertThat(e.attendeeRole()).isEqualTo("hostel_manager");
				assertThat(e.item()).isEqualTo("risk_flags");
				assertThat(e.decision().action().wire()).isEqualTo("generalise");
				assertThat(e.decision().condition()).contains("para 18");
				assertThat(e.caseRef()).isEqualTo("day-centre:DC-2001");
			});
	}

	@Test
	void observerWithNoCaseRoleSeesTrendsOnly() throws Exception {
		build(MAM);
		JsonNode observer = view(MAM, "mam-observer");
		assertThat(observer.path("cases")).isEmpty();
		assertThat(observer.path("trends")).hasSize(4);
		assertThat(observer.toString()).doesNotContain("Agnieszka", "OR-1001");
		assertThat(observer.path("withheld").findValuesAsText("reason")).anyMatch(r -> r.contains("no case role"));
	}

	@Test
	void trendsNeverShowACountBelowTheThreshold() throws Exception {
		build(MAM);
		for (JsonNode table : view(MAM, "mam-observer").path("trends")) {
			for (JsonNode row : table.path("rows")) {
				String display = row.path("display").asText();
				if (display.matches("\\d+")) {
					assertThat(Integer.parseInt(display)).as(table.path("label") + " " + row.path("value")).isGreaterThanOrEqualTo(5);
				}
				else {
					assertThat(display).isIn("fewer than 5", "not shown");
				}
			}
		}
	}

	@Autowired
	org.proportion.policy.PolicyVocabulary vocabulary;

	@Test
	void everyItemOfEveryViewIsLoggedOnceAndTheChainVerifies() throws Exception {
		JsonNode summary = build(MAM);
		String pack = summary.path("packId").asText();
		Meeting meeting = partnership.meeting(MAM).orElseThrow();
		int perAttendee = 4; // trend tables
		for (String ref : meeting.agenda()) {
			CaseRecord record = cases.find(ref).orElseThrow();
			// Every catalogue field is decided and logged for every case, whatever the record holds.
			java.util.Set<String> decided = new java.util.HashSet<>(vocabulary.fields());
			decided.addAll(record.fieldsOn(meeting.date()).keySet());
			perAttendee += 1 + decided.size();
		}
		List<LogEntry> entries = decisionLog.entriesOfPack(pack);
		assertThat(entries).hasSize(perAttendee * meeting.attendees().size());
		List<String> keys = new ArrayList<>();
		entries.forEach(e -> keys.add(e.attendeeId() + "|" + e.caseRef() + "|" + e.item()));
		assertThat(keys).doesNotHaveDuplicates();
		assertThat(entries).allSatisfy(e -> {
			assertThat(e.decision().rule()).isNotBlank();
			assertThat(e.decision().reason()).isNotBlank();
			assertThat(e.policyRevision()).startsWith("bundle:");
			if (e.decision().released()) {
				assertThat(e.decision().basis()).isNotBlank();
			}
		});
		// The log names cases by reference, never by name.
		assertThat(entries).noneSatisfy(e -> assertThat(e.toString()).contains("Agnieszka"));
		assertThat(decisionLog.verify().valid()).isTrue();
	}

	@Test
	void aRebuildWithNothingChangedKeepsTheLivePackAndLogsAndSendsNothing() throws Exception {
		JsonNode first = build(MAM);
		int logged = decisionLog.entriesOfPack(first.path("packId").asText()).size();
		long rowsBefore = decisionLog.verify().entries();
		ResponseEntity<String> again = rest.withBasicAuth("admin", "admin-test")
			.postForEntity("/api/meetings/{m}/packs", null, String.class, MAM);
		assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
		JsonNode same = json.readTree(again.getBody());
		assertThat(same.path("unchanged").asBoolean()).isTrue();
		assertThat(same.path("packId").asText()).isEqualTo(first.path("packId").asText());
		assertThat(decisionLog.verify().entries()).isEqualTo(rowsBefore);
		assertThat(decisionLog.entriesOfPack(first.path("packId").asText())).hasSize(logged);
		assertThat(view(MAM, "mam-police").path("pack").path("id").asText()).isEqualTo(first.path("packId").asText());
	}

	@Test
	void aRebuildAfterAChangeIsANewVersionAndViewsShowTheLatest() throws Exception {
		JsonNode first = build(MAM);
		var admin = rest.withBasicAuth("admin", "admin-test");
		try {
			// The organiser records no safeguarding concern for her any more: the police view changes.
			admin.put("/api/meetings/{m}/agenda/{c}/purposes", Map.of("purposes", java.util.List.of()), MAM, WOMAN);
			JsonNode second = build(MAM);
			assertThat(second.path("unchanged").asBoolean()).isFalse();
			assertThat(second.path("version").asInt()).isEqualTo(first.path("version").asInt() + 1);
			assertThat(view(MAM, "mam-police").path("pack").path("id").asText()).isEqualTo(second.path("packId").asText());
		}
		finally {
			// The sample agenda's concern, as the other tests here expect it.
			admin.put("/api/meetings/{m}/agenda/{c}/purposes", Map.of("purposes", java.util.List.of("safeguarding_concern")),
					MAM, WOMAN);
		}
	}

}
