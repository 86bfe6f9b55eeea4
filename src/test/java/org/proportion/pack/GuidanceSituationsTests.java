package org.proportion.pack;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.proportion.access.AccessLinks;
import org.proportion.ingest.IntakeRejected;
import org.proportion.ingest.IntakeService;
import org.proportion.model.DataSharingAgreement;
import org.proportion.partnership.Partnership;
import org.proportion.partnership.PartnershipRepository;
import org.proportion.policy.PolicyVocabulary;
import org.proportion.support.GatewayTestSupport;
import org.proportion.support.Packs;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The situations the guidance decides (HM Government information sharing advice, Working Together
 * 2023, the ICO's data sharing code, the Care Act, the duty to refer), each through the real OPA
 * server and the pack build, as the attendees would open their views. Records are synthetic.
 */
class GuidanceSituationsTests extends GatewayTestSupport {

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
	ObjectMapper json;

	@Autowired
	PartnershipRepository partnership;

	@Autowired
	PolicyVocabulary vocabulary;

	@Autowired
	org.proportion.audit.DecisionLog decisionLog;

	Packs packs;

	static final String HEADER = "client_id,full_name,known_as,dob,sex,nationality,phone,sleep_site,status,needs,health,"
			+ "risks,note,consent_purposes,consent_orgs,consent_how,consent_state,current_address,do_not_disclose\n";

	/** Every role that may sit at a rough sleeping meeting, from the sample partnership's organisations. */
	static final List<Map<String, String>> ATTENDEES = List.of(
			attendee("g-outreach", "outreach_worker", "outreach"), attendee("g-housing", "housing_options_officer", "housing-options"),
			attendee("g-coordinator", "rough_sleeping_coordinator", "housing-options"),
			attendee("g-police", "police_officer", "police"), attendee("g-health", "health_practitioner", "health"),
			attendee("g-observer", "observer", "university"), attendee("g-hostel", "hostel_manager", "hostel"),
			attendee("g-children", "childrens_services_social_worker", "housing-options"),
			attendee("g-adults", "adult_social_care_worker", "housing-options"),
			attendee("g-mental-health", "mental_health_practitioner", "health"));

	static Map<String, String> attendee(String id, String role, String org) {
		return Map.of("id", id, "name", "Attendee " + id, "role", role, "organisationId", org);
	}

	@BeforeEach
	void records() {
		packs = new Packs(rest, links, json);
		String csv = HEADER
				// A person with a full record: health, staff-safety and self-harm flags, a note about health.
				+ "GS-01,Tomasz Wojcik,Tom,02/02/1980,Male,Polish,07700 900111,\"Arches on Canal Street, Northgate\",rough_sleeping,"
				+ "mental_health,asthma;depression,violence_to_staff;suicide_risk,"
				+ "\"Tom said he was diagnosed with depression last year and takes sertraline.\",,,,,,\n"
				// A person with a sparse record: nothing beyond name and date of birth.
				+ "GS-02,Lee Grant,,03/03/1975,Male,,,,rough_sleeping,,,,,,,,,,\n"
				// A 16-year-old sleeping rough.
				+ "GS-03,Kayden Price,,01/05/2010,Male,British,,\"Bus station, Northgate\",rough_sleeping,,,,,,,,,,\n"
				// A person who refused to have their information shared.
				+ "GS-04,Maria Costa,,04/04/1990,Female,Portuguese,,\"Park bench, Riverside\",rough_sleeping,,,,,,,,refused,,\n"
				// A survivor whose current address the agency marked never to be disclosed.
				+ "GS-05,Jo Bright,,05/05/1988,Female,British,,,sofa_surfing,,,,"
				+ "\"Jo is settling in at Flat 3, 12 Orchard Row and asked that nobody is told.\",,,,,"
				+ "\"Flat 3, 12 Orchard Row, Easthill\",address\n"
				// A 15-year-old who refused, whose note names the person she is afraid of.
				+ "GS-06,Mia Hughes,,01/09/2011,Female,British,,\"Bus station, Northgate\",rough_sleeping,,,,"
				+ "\"Mia said her uncle Darren Walsh hit her last week and she will not go back.\",,,,refused,,\n"
				// An adult whose agency sent no date of birth.
				+ "GS-07,Alan Booth,,,Male,British,,\"Doorway, Market Street\",rough_sleeping,,,,,,,,,,\n";
		intake.fromFile("outreach/guidance-" + System.nanoTime() + ".csv", csv.getBytes(StandardCharsets.UTF_8));
	}

	String meeting(List<String> agenda, Map<String, List<String>> purposes) {
		String id = "g-" + System.nanoTime();
		Map<String, Object> meeting = new LinkedHashMap<>();
		meeting.put("id", id);
		meeting.put("title", "Guidance test meeting");
		meeting.put("type", "rough_sleeping_mam");
		meeting.put("purpose", "rough_sleeping_response");
		meeting.put("startsAt", "2026-12-08T10:00");
		meeting.put("attendees", ATTENDEES.stream().map(a -> {
			Map<String, String> copy = new LinkedHashMap<>(a);
			copy.put("id", a.get("id") + "-" + id);
			return copy;
		}).toList());
		meeting.put("agenda", agenda);
		meeting.put("purposes", purposes);
		ResponseEntity<String> created = packs.admin().postForEntity("/api/meetings", meeting, String.class);
		assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
		return id;
	}

	static String att(String role, String meetingId) {
		return role + "-" + meetingId;
	}

	JsonNode onlyCase(String meetingId, String attendee) throws Exception {
		List<JsonNode> cases = Packs.cases(packs.view(meetingId, att(attendee, meetingId)));
		assertThat(cases).hasSize(1);
		return cases.get(0);
	}

	// --- No leak by absence --------------------------------------------------------------

	@Test
	void everyRoleSeesTheSameRowsAndFooterForAFullAndAnEmptyRecord() throws Exception {
		String full = meeting(List.of("outreach:GS-01"), Map.of());
		String sparse = meeting(List.of("outreach:GS-02"), Map.of());
		packs.build(full);
		String sparsePack = packs.build(sparse).path("packId").asText();
		// What the record does not hold is never logged as shared (the ledger answers the person).
		assertThat(decisionLog.entriesOfPack(sparsePack)).filteredOn(e -> e.item().equals("health_conditions"))
			.isNotEmpty()
			.noneMatch(e -> e.decision().released());
		int compared = 0;
		for (Map<String, String> a : ATTENDEES) {
			JsonNode fullView = packs.view(full, att(a.get("id"), full));
			JsonNode sparseView = packs.view(sparse, att(a.get("id"), sparse));
			// The footer counts what the role cannot see, not what exists.
			assertThat(Packs.footer(fullView)).as(a.get("role")).isEqualTo(Packs.footer(sparseView));
			List<JsonNode> fullCases = Packs.cases(fullView);
			List<JsonNode> sparseCases = Packs.cases(sparseView);
			assertThat(fullCases).as(a.get("role")).hasSameSizeAs(sparseCases);
			if (fullCases.isEmpty()) {
				continue;
			}
			// The same rows, from the catalogue, and the same withheld rows with the same reasons.
			assertThat(Packs.actions(fullCases.get(0)).keySet()).as(a.get("role"))
				.containsExactlyElementsOf(Packs.actions(sparseCases.get(0)).keySet())
				.containsAll(vocabulary.fields().stream().filter(f -> !f.equals("do_not_disclose")).toList());
			assertThat(withheldRows(fullCases.get(0))).as(a.get("role")).isEqualTo(withheldRows(sparseCases.get(0)));
			compared++;
		}
		assertThat(compared).as("roles that see the case").isGreaterThanOrEqualTo(6);
	}

	private static Map<String, String> withheldRows(JsonNode aCase) {
		Map<String, String> rows = new LinkedHashMap<>();
		aCase.path("fields").forEach(f -> {
			if (f.path("value").isNull()) {
				rows.put(f.path("field").asText(), f.path("reason").asText());
			}
		});
		return rows;
	}

	@Test
	void aNoteReadByARoleWithoutTheConditionSaysRemovedNotWhatKindOfThing() throws Exception {
		String m = meeting(List.of("outreach:GS-01"), Map.of("outreach:GS-01", List.of("risk_to_others")));
		packs.build(m);
		String policeNote = Packs.field(onlyCase(m, "g-police"), "notes").path("value").asText();
		assertThat(policeNote).contains("[removed]").doesNotContain("[HEALTH]", "depression", "sertraline");
		String healthNote = Packs.field(onlyCase(m, "g-health"), "notes").path("value").asText();
		assertThat(healthNote).contains("depression");
	}

	@Test
	void aRiskFieldReadsTheSameForARoleWhetherOrNotThePersonHasFlagsItMayNotSee() throws Exception {
		String flagged = meeting(List.of("outreach:GS-01"), Map.of());
		String unflagged = meeting(List.of("outreach:GS-02"), Map.of());
		packs.build(flagged);
		packs.build(unflagged);
		// The hostel sees staff-safety flags only; health sees the self-harm flag as health data.
		assertThat(Packs.field(onlyCase(flagged, "g-hostel"), "risk_flags").path("value").asText())
			.startsWith("Staff safety: visit in pairs and contact Northgate Street Outreach");
		assertThat(Packs.field(onlyCase(flagged, "g-health"), "risk_flags").path("value").asText())
			.startsWith("Risk to self: contact Northgate Street Outreach before any contact or decision");
		// The police have no need of risk flags at this meeting: the row is withheld for them.
		assertThat(Packs.field(onlyCase(flagged, "g-police"), "risk_flags").path("value").isNull()).isTrue();
		assertThat(Packs.field(onlyCase(unflagged, "g-hostel"), "risk_flags").path("value").asText())
			.isEqualTo("No risk flags for your role.");
	}

	// --- Police and case purposes ------------------------------------------------------------

	@Test
	void policeGetARoutineCaseUnderAPseudonymAndNamedOnlyOnceAPurposeIsSet() throws Exception {
		String m = meeting(List.of("outreach:GS-02"), Map.of());
		packs.build(m);
		JsonNode routine = onlyCase(m, "g-police");
		assertThat(routine.path("heading").asText()).startsWith("Person ");
		assertThat(Packs.field(routine, "name").path("action").asText()).isEqualTo("pseudonymise");
		assertThat(routine.toString()).doesNotContain("Lee Grant", "1975");

		TestRestTemplate admin = packs.admin();
		ResponseEntity<String> unknown = admin.exchange("/api/meetings/{m}/agenda/{c}/purposes", HttpMethod.PUT,
				new HttpEntity<>(Map.of("purposes", List.of("curiosity"))), String.class, m, "outreach:GS-02");
		assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		ResponseEntity<String> set = admin.exchange("/api/meetings/{m}/agenda/{c}/purposes", HttpMethod.PUT,
				new HttpEntity<>(Map.of("purposes", List.of("missing_person"))), String.class, m, "outreach:GS-02");
		assertThat(set.getStatusCode()).isEqualTo(HttpStatus.OK);
		JsonNode history = json.readTree(set.getBody());
		assertThat(history).hasSize(1);
		assertThat(history.get(0).path("setBy").asText()).isEqualTo("admin");

		packs.build(m);
		JsonNode named = onlyCase(m, "g-police");
		assertThat(named.path("heading").asText()).isEqualTo("Lee Grant");
	}

	// --- Children -----------------------------------------------------------------------------

	@Test
	void aSixteenYearOldSleepingRoughIsSharedWithThePoliceButNotTheHostel() throws Exception {
		String m = meeting(List.of("outreach:GS-03"), Map.of());
		packs.build(m);
		assertThat(onlyCase(m, "g-police").path("heading").asText()).isEqualTo("Kayden Price");
		assertThat(onlyCase(m, "g-children").path("heading").asText()).isEqualTo("Kayden Price");
		JsonNode hostel = onlyCase(m, "g-hostel");
		assertThat(Packs.field(hostel, "name").path("action").asText()).isEqualTo("withhold");
		assertThat(hostel.toString()).doesNotContain("Kayden");
	}

	// A refused child with a safeguarding concern: the statutory partners get what safeguarding
	// needs, her notes with other people's names taken out, as if she had not been asked.
	@Test
	void aRefusedChildsNotesReachThePoliceWithOtherPeoplesNamesTakenOut() throws Exception {
		String m = meeting(List.of("outreach:GS-06"), Map.of("outreach:GS-06", List.of("safeguarding_concern")));
		packs.build(m);
		for (String partner : List.of("g-police", "g-children", "g-health")) {
			JsonNode notes = Packs.field(onlyCase(m, partner), "notes");
			assertThat(notes.path("action").asText()).as(partner).isEqualTo("redact");
			assertThat(notes.path("value").asText()).as(partner)
				.contains("said her uncle", "last week")
				.doesNotContain("Darren", "Walsh");
		}
		assertThat(packs.view(m, att("g-hostel", m)).toString()).doesNotContain("Mia", "Hughes", "Darren", "Walsh");
	}

	// An age the record does not give protects like a child's, but does not name the person to
	// the police, and nobody is told the person is under 18.
	@Test
	void anAdultWithNoDateOfBirthIsNotNamedToThePoliceNorCalledAChild() throws Exception {
		String m = meeting(List.of("outreach:GS-07"), Map.of());
		packs.build(m);
		JsonNode police = onlyCase(m, "g-police");
		assertThat(police.path("heading").asText()).startsWith("Person ");
		assertThat(police.toString()).doesNotContain("Alan", "Booth");
		JsonNode hostelName = Packs.field(onlyCase(m, "g-hostel"), "name");
		assertThat(hostelName.path("action").asText()).isEqualTo("withhold");
		assertThat(hostelName.path("reason").asText()).contains("age is not known").doesNotContain("under 18");
	}

	// A risk flag the DPO has since taken out of the policy's vocabulary: the policy refuses the
	// case's input, so it is withheld from everyone, without telling anyone why (a reason naming
	// "a risk flag" would say the person has one) and with the catalogue's rows, so a full record
	// and a sparse one leave the same footer.
	@Test
	void aCaseThePolicyCannotDecideIsWithheldWithoutSayingWhyOrHowMuchItHolds(
			@Autowired org.proportion.cases.CaseRepository cases) throws Exception {
		intake.fromFile("outreach/retired-flag-" + System.nanoTime() + ".csv", (HEADER
				+ "GS-08,Ewa Malik,Ewa,07/07/1985,Female,Polish,07700 900222,\"Car park, Station Road\",rough_sleeping,"
				+ "mental_health,asthma,violence_to_staff,\"Ewa asked about the night shelter.\",,,,,,\n"
				+ "GS-09,Ray Dunn,,08/08/1979,Male,,,,rough_sleeping,,,,,,,,,,\n").getBytes(StandardCharsets.UTF_8));
		for (String ref : List.of("outreach:GS-08", "outreach:GS-09")) {
			var record = cases.find(ref).orElseThrow();
			Map<String, Object> fields = new LinkedHashMap<>(record.fields());
			fields.put("risk_flags", List.of("a_code_the_dpo_retired"));
			cases.update(new org.proportion.model.CaseRecord(ref, record.agency(), record.agencyRef(), fields, record.consent()));
		}
		String full = meeting(List.of("outreach:GS-08"), Map.of());
		String sparse = meeting(List.of("outreach:GS-09"), Map.of());
		packs.build(full);
		packs.build(sparse);
		for (Map<String, String> a : ATTENDEES) {
			JsonNode fullView = packs.view(full, att(a.get("id"), full));
			assertThat(Packs.cases(fullView)).as(a.get("role")).isEmpty();
			assertThat(fullView.toString()).as(a.get("role")).doesNotContain("Ewa", "Malik", "risk flag", "vocabulary");
			assertThat(Packs.footer(fullView)).as(a.get("role"))
				.containsKey("The sharing policy could not decide this case, so it is withheld.")
				.isEqualTo(Packs.footer(packs.view(sparse, att(a.get("id"), sparse))));
		}
	}

	// --- Agreement --------------------------------------------------------------------------------

	@Test
	void aRefusalIsHonouredForEveryoneButTheAgencyThatHoldsTheRecord() throws Exception {
		String m = meeting(List.of("outreach:GS-04"), Map.of());
		packs.build(m);
		for (Map<String, String> a : ATTENDEES) {
			JsonNode view = packs.view(m, att(a.get("id"), m));
			if (a.get("organisationId").equals("outreach")) {
				assertThat(Packs.cases(view)).hasSize(1);
			}
			else {
				assertThat(Packs.cases(view)).as(a.get("role")).isEmpty();
				assertThat(view.toString()).as(a.get("role")).doesNotContain("Maria", "Costa", "refus");
			}
		}
	}

	@Test
	void aDutyToReferReferralWithoutAgreementGoesUnderAPseudonymAndTheChecklistAsksForAgreement() throws Exception {
		String m = meeting(List.of("outreach:GS-02"), Map.of("outreach:GS-02", List.of("duty_to_refer")));
		packs.build(m);
		JsonNode housing = onlyCase(m, "g-housing");
		assertThat(Packs.field(housing, "name").path("action").asText()).isEqualTo("pseudonymise");
		JsonNode checklist = json.readTree(packs.admin().getForObject("/api/meetings/{m}/checklist", String.class, m));
		assertThat(checklist.path("cases").get(0).path("actions").toString())
			.contains("seek the person's agreement", "housing options officer", "unless asking would be unsafe");
		assertThat(checklist.path("cases").get(0).path("purposes").get(0).path("setBy").asText()).isEqualTo("admin");
	}

	// --- Do not disclose -----------------------------------------------------------------------------

	@Test
	void aDoNotDiscloseAddressLeavesNeitherTheFieldNorTheNotesForAnyOtherOrganisation() throws Exception {
		String m = meeting(List.of("outreach:GS-05"), Map.of("outreach:GS-05", List.of("safeguarding_concern")));
		packs.build(m);
		int checked = 0;
		for (Map<String, String> a : ATTENDEES) {
			JsonNode view = packs.view(m, att(a.get("id"), m));
			for (JsonNode c : Packs.cases(view)) {
				if (a.get("organisationId").equals("outreach")) {
					assertThat(Packs.field(c, "address").path("value").asText()).contains("Orchard Row");
					continue;
				}
				assertThat(Packs.field(c, "address").path("value").isNull()).as(a.get("role")).isTrue();
				assertThat(c.toString()).as(a.get("role")).doesNotContain("Orchard", "Flat 3", "Easthill");
				checked++;
			}
		}
		assertThat(checked).isGreaterThanOrEqualTo(4);
	}

	// --- Intake and the partnership file ---------------------------------------------------------------

	@Test
	void aRiskFlagOutsideThePolicysVocabularyIsRefusedAtIntakeWithoutRepeatingIt() {
		String csv = HEADER + "GS-09,Sam Lowe,,06/06/1970,Male,,,,rough_sleeping,,,convicted of arson 2019,,,,,,,\n";
		assertThatThrownBy(() -> intake.fromFile("outreach/bad-flag.csv", csv.getBytes(StandardCharsets.UTF_8)))
			.isInstanceOfSatisfying(IntakeRejected.class, ex -> {
				assertThat(ex.code()).isEqualTo("unknown_risk_flag");
				assertThat(ex.getMessage()).contains("risks").doesNotContain("arson");
			});
	}

	@Test
	void anAgreementEndedInThePartnershipFileStopsTheSharesThatRestedOnIt() throws Exception {
		String m = meeting(List.of("outreach:GS-01"), Map.of());
		packs.build(m);
		assertThat(Packs.field(onlyCase(m, "g-health"), "health_conditions").path("action").asText()).isEqualTo("share");

		List<DataSharingAgreement> original = partnership.agreements();
		List<DataSharingAgreement> ended = new ArrayList<>();
		for (DataSharingAgreement dsa : original) {
			ended.add(new DataSharingAgreement(dsa.id(), dsa.title(), dsa.parties(), dsa.purposes(), dsa.categories(),
					java.time.LocalDate.of(2026, 1, 1)));
		}
		partnership.register(new Partnership(List.of(), ended, List.of()));
		packs.build(m);
		JsonNode health = onlyCase(m, "g-health");
		assertThat(Packs.field(health, "health_conditions").path("reason").asText()).contains("No data sharing agreement");

		partnership.register(new Partnership(List.of(), List.of(), List.of()));
		assertThat(partnership.agreements()).isEmpty();
		partnership.register(new Partnership(List.of(), original, List.of()));
		assertThat(partnership.agreements()).isEqualTo(original);
	}

}
