package org.proportion.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.proportion.access.AccessLinks;
import org.proportion.cases.CaseRepository;
import org.proportion.ingest.IntakeService;
import org.proportion.partnership.PartnershipRepository;
import org.proportion.support.GatewayTestSupport;
import org.proportion.support.Packs;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12 item 14: what an organiser or an agency gets back for input the gateway cannot use.
 * Every refusal is a problem details body (RFC 9457) that names what to fix (a field, an
 * attendee id, a line) and never quotes a personal value; nothing half-stored, nothing a 500.
 * Attendee ids belong to their meeting, so two meetings may both have a "chair". Run on H2 and
 * on PostgreSQL by the subclasses, since attendee ids are scoped by a migration.
 */
abstract class BadInputTests extends GatewayTestSupport {

	static final String SECRET_NAME = "Zebedee Quartermain";

	static final String SECRET_DOB = "1961-07-14";

	@Autowired
	TestRestTemplate rest;

	@Autowired
	ObjectMapper json;

	@Autowired
	PartnershipRepository partnership;

	@Autowired
	IntakeService intake;

	@Autowired
	CaseRepository cases;

	@Autowired
	AccessLinks links;

	abstract Path work();

	TestRestTemplate admin() {
		return rest.withBasicAuth("admin", "admin-test");
	}

	static Map<String, Object> attendee(String id, String role, String org) {
		Map<String, Object> a = new LinkedHashMap<>();
		a.put("id", id);
		a.put("name", SECRET_NAME);
		a.put("role", role);
		a.put("organisationId", org);
		a.put("email", id + "@example.org");
		return a;
	}

	static Map<String, Object> meeting(String id, List<Map<String, Object>> attendees) {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("id", id);
		m.put("title", "Bad input meeting " + id);
		m.put("type", "rough_sleeping_mam");
		m.put("purpose", "rough_sleeping_response");
		m.put("startsAt", "2026-12-08T10:00");
		m.put("cohort", "rough_sleeping");
		m.put("agenda", List.of("outreach:OR-1001"));
		m.put("attendees", attendees);
		return m;
	}

	ResponseEntity<String> post(Object body) {
		return admin().postForEntity("/api/meetings", body, String.class);
	}

	ResponseEntity<String> postRaw(String body) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		return admin().exchange("/api/meetings", HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
	}

	/** The response is a problem details body of the given status; returns it. */
	JsonNode problem(ResponseEntity<String> response, int status) throws IOException {
		assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(status);
		assertThat(response.getHeaders().getContentType()).isNotNull();
		assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.as("content type %s", response.getHeaders().getContentType())
			.isTrue();
		JsonNode body = json.readTree(response.getBody());
		assertThat(body.path("status").asInt()).isEqualTo(status);
		assertThat(body.path("title").asText()).isNotBlank();
		assertThat(body.path("type").asText()).isNotBlank();
		assertThat(body.path("detail").asText()).isNotBlank();
		assertThat(response.getBody()).doesNotContain(SECRET_NAME).doesNotContain(SECRET_DOB);
		return body;
	}

	// --- (a) a role the policy does not know ---------------------------------------------

	@Test
	void aMeetingWithARoleThePolicyDoesNotKnowIsRefusedNamingTheAttendeeAndTheKnownRoles() throws IOException {
		ResponseEntity<String> refused = post(meeting("bi-role", List.of(attendee("bi-role-police", "police_officer", "police"),
				attendee("bi-role-press", "journalist", "university"))));
		JsonNode body = problem(refused, 400);
		assertThat(body.path("code").asText()).isEqualTo("unknown_role");
		assertThat(body.path("detail").asText()).contains("bi-role-press").contains("police_officer");
		assertThat(body.path("attendee").asText()).isEqualTo("bi-role-press");
		assertThat(partnership.meeting("bi-role")).isEmpty();
	}

	@Test
	void aMeetingFileWithARoleThePolicyDoesNotKnowIsParkedNotScheduled() throws IOException {
		Path inbox = Files.createDirectories(work().resolve("meetings"));
		Files.write(inbox.resolve("bi-role-file.json"), json.writeValueAsBytes(
				meeting("bi-role-file", List.of(attendee("bi-role-file-press", "journalist", "university")))));
		JsonNode reason = parked("bi-role-file.json");
		assertThat(reason.path("code").asText()).isEqualTo("unknown_role");
		assertThat(reason.path("detail").asText()).contains("bi-role-file-press").doesNotContain(SECRET_NAME);
		assertThat(partnership.meeting("bi-role-file")).isEmpty();
	}

	@Test
	void anAttendeeFromAnOrganisationOutsideThePartnershipIsRefusedNamingIt() throws IOException {
		JsonNode body = problem(post(meeting("bi-org", List.of(attendee("bi-org-x", "observer", "tabloid")))), 400);
		assertThat(body.path("code").asText()).isEqualTo("unknown_organisation");
		assertThat(body.path("detail").asText()).contains("bi-org-x").contains("organisationId");
		assertThat(partnership.meeting("bi-org")).isEmpty();
	}

	// --- (b) attendee ids belong to their meeting ----------------------------------------

	@Test
	void twoMeetingsMayEachHaveAnAttendeeCalledChairAndEachChairOpensOnlyTheirOwnMeetingsView() throws Exception {
		intake.fromFile("outreach/outreach-caseload.csv", sample("outreach/outreach-caseload.csv"));
		ResponseEntity<String> first = post(meeting("bi-first", List.of(attendee("chair", "rough_sleeping_coordinator", "outreach"),
				attendee("police", "police_officer", "police"))));
		assertThat(first.getStatusCode()).as(first.getBody()).isEqualTo(HttpStatus.CREATED);
		Map<String, Object> second = meeting("bi-second", List.of(attendee("chair", "observer", "university"),
				attendee("police", "police_officer", "police")));
		second.put("agenda", List.of("outreach:OR-1002"));
		ResponseEntity<String> created = post(second);
		assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
		assertThat(partnership.meeting("bi-first").orElseThrow().attendees()).extracting("role")
			.containsExactly("rough_sleeping_coordinator", "police_officer");
		assertThat(partnership.meeting("bi-second").orElseThrow().attendees()).extracting("role")
			.containsExactly("observer", "police_officer");

		Packs packs = new Packs(rest, links, json);
		packs.build("bi-first");
		packs.build("bi-second");
		JsonNode firstChair = packs.view("bi-first", "chair");
		JsonNode secondChair = packs.view("bi-second", "chair");
		assertThat(firstChair.path("meeting").path("id").asText()).isEqualTo("bi-first");
		assertThat(firstChair.path("recipient").path("role").asText()).isEqualTo("rough_sleeping_coordinator");
		assertThat(Packs.cases(firstChair)).isNotEmpty();
		assertThat(secondChair.path("meeting").path("id").asText()).isEqualTo("bi-second");
		// The second meeting's chair is an observer: trends only, none of the first chair's cases.
		assertThat(secondChair.path("recipient").path("role").asText()).isEqualTo("observer");
		assertThat(Packs.cases(secondChair)).isEmpty();

		// Revoking one meeting's chair leaves the other meeting's chair alone.
		assertThat(admin().exchange("/api/meetings/bi-first/attendees/chair/link", HttpMethod.DELETE, null, Void.class)
			.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
		assertThat(links.revoked("bi-first", "chair")).isTrue();
		assertThat(links.revoked("bi-second", "chair")).isFalse();
		assertThat(rest.getForEntity("/v/{t}/json", String.class, links.issue("bi-second", "chair")).getStatusCode())
			.isEqualTo(HttpStatus.OK);
	}

	@Test
	void anAttendeeIdRepeatedWithinOneMeetingIsRefusedNamingTheId() throws IOException {
		JsonNode body = problem(post(meeting("bi-twice", List.of(attendee("bi-twice-a", "police_officer", "police"),
				attendee("bi-twice-a", "observer", "university")))), 400);
		assertThat(body.path("code").asText()).isEqualTo("duplicate_attendee");
		assertThat(body.path("detail").asText()).contains("bi-twice-a");
		assertThat(partnership.meeting("bi-twice")).isEmpty();
	}

	@Test
	void aMeetingIdAlreadyTakenIsAConflictNamingTheId() throws IOException {
		Map<String, Object> m = meeting("bi-again", List.of(attendee("bi-again-a", "observer", "university")));
		assertThat(post(m).getStatusCode()).isEqualTo(HttpStatus.CREATED);
		JsonNode body = problem(post(m), 409);
		assertThat(body.path("code").asText()).isEqualTo("duplicate_meeting");
		assertThat(body.path("detail").asText()).contains("bi-again");
	}

	// --- (c) an empty REST intake body ---------------------------------------------------

	@ParameterizedTest
	@CsvSource({ "housing-options, text/csv", "day-centre, application/json", "outreach, ''" })
	void anEmptyRestIntakeBodyIsParkedAsNoRecordsAndTheAgencyToldWhatToFix(String agency, String contentType)
			throws IOException {
		HttpHeaders headers = new HttpHeaders();
		if (!contentType.isEmpty()) {
			headers.setContentType(MediaType.valueOf(contentType));
		}
		ResponseEntity<String> refused = rest.withBasicAuth(agency, "agency-test")
			.exchange("/api/intake/" + agency, HttpMethod.POST, new HttpEntity<>(headers), String.class);
		assertThat(refused.getStatusCode().value()).as(refused.getBody()).isEqualTo(422);
		assertThat(refused.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.as("content type %s", refused.getHeaders().getContentType())
			.isTrue();
		JsonNode body = json.readTree(refused.getBody());
		assertThat(body.path("code").asText()).isEqualTo("no_records");
		assertThat(body.path("status").asInt()).isEqualTo(422);
		assertThat(body.path("detail").asText()).isNotBlank();
		JsonNode reason = parked("rest-" + agency);
		assertThat(reason.path("code").asText()).isEqualTo("no_records");
	}

	// --- (d) invalid JSON or a missing field ---------------------------------------------

	@Test
	void invalidJsonIsRefusedSayingWhereItBreaksWithoutQuotingIt() throws IOException {
		JsonNode body = problem(postRaw("{\"id\": \"bi-broken\",\n \"title\": \"" + SECRET_NAME + "\" \"purpose\": }"), 400);
		assertThat(body.path("code").asText()).isEqualTo("malformed_json");
		assertThat(body.path("detail").asText()).contains("line 2");
		assertThat(partnership.meeting("bi-broken")).isEmpty();
	}

	@Test
	void aMeetingWithoutATitleOrAttendeesIsRefusedNamingBothFields() throws IOException {
		Map<String, Object> m = meeting("bi-missing", List.of());
		m.remove("title");
		m.remove("attendees");
		JsonNode body = problem(post(m), 400);
		assertThat(body.path("code").asText()).isEqualTo("incomplete_meeting");
		assertThat(body.path("detail").asText()).contains("title").contains("attendees");
		assertThat(body.path("fields").toString()).contains("title").contains("attendees");
		assertThat(partnership.meeting("bi-missing")).isEmpty();
	}

	@Test
	void anAttendeeWithoutARoleIsRefusedNamingTheAttendeeField() throws IOException {
		Map<String, Object> a = attendee("bi-norole-a", "observer", "university");
		a.remove("role");
		JsonNode body = problem(post(meeting("bi-norole", List.of(a))), 400);
		assertThat(body.path("detail").asText()).contains("attendees[0].role");
		assertThat(partnership.meeting("bi-norole")).isEmpty();
	}

	@Test
	void aValueOfTheWrongShapeIsNamedByItsFieldAndNotQuoted() throws IOException {
		Map<String, Object> m = meeting("bi-shape", List.of(attendee("bi-shape-a", "observer", "university")));
		m.put("startsAt", SECRET_NAME + " " + SECRET_DOB);
		JsonNode body = problem(post(m), 400);
		assertThat(body.path("detail").asText()).contains("startsAt");
		assertThat(partnership.meeting("bi-shape")).isEmpty();
	}

	@Test
	void anUnknownMeetingIsANotFoundProblem() throws IOException {
		JsonNode body = problem(admin().postForEntity("/api/meetings/bi-nowhere/links", null, String.class), 404);
		assertThat(body.path("detail").asText()).contains("bi-nowhere");
		JsonNode build = problem(admin().postForEntity("/api/meetings/bi-nowhere/packs", null, String.class), 404);
		assertThat(build.path("code").asText()).isEqualTo("unknown_meeting");
		assertThat(build.path("detail").asText()).contains("bi-nowhere");
	}

	/** The reason file of the one parked drop whose name ends with the suffix, once it is written. */
	JsonNode parked(String suffix) throws IOException {
		Path folder = work().resolve("dead-letter");
		long deadline = System.nanoTime() + 20_000_000_000L;
		while (reasons(folder, suffix).isEmpty() && System.nanoTime() < deadline) {
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IOException(ex);
			}
		}
		assertThat(reasons(folder, suffix)).as("parked " + suffix).hasSize(1);
		return json.readTree(Files.readString(reasons(folder, suffix).get(0), StandardCharsets.UTF_8));
	}

	static List<Path> reasons(Path folder, String suffix) throws IOException {
		if (!Files.isDirectory(folder)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(folder)) {
			return files.filter(f -> f.getFileName().toString().endsWith(suffix + ".reason.json")).toList();
		}
	}

}
