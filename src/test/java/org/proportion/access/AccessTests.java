package org.proportion.access;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.proportion.ingest.IntakeService;
import org.proportion.model.Attendee;
import org.proportion.model.Meeting;
import org.proportion.partnership.PartnershipRepository;
import org.proportion.support.GatewayTestSupport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each attendee opens only their own view: for every pair of attendees of the sample meetings,
 * nothing A can send reaches B's view; expired, revoked and tampered links open nothing; the
 * API needs the right role; every opening is logged.
 */
class AccessTests extends GatewayTestSupport {

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		embeddedDefaults(registry);
	}

	@Autowired
	org.proportion.pack.BuildPacing pacing;

	@Autowired
	TestRestTemplate rest;

	@Autowired
	IntakeService intake;

	@Autowired
	AccessLinks links;

	@Autowired
	PartnershipRepository partnership;

	@Autowired
	ObjectMapper json;

	record Holder(Meeting meeting, Attendee attendee, String token) {
	}

	final List<Holder> holders = new ArrayList<>();

	TestRestTemplate admin() {
		return rest.withBasicAuth("admin", "admin-test");
	}

	@BeforeEach
	void buildPacksAndIssueLinks() {
		intake.fromFile("outreach/outreach-caseload.csv", sample("outreach/outreach-caseload.csv"));
		intake.fromFile("day-centre/day-centre-clients.json", sample("day-centre/day-centre-clients.json"));
		intake.fromFile("housing-options/open-applications.csv", sample("housing-options/open-applications.csv"));
		for (Meeting meeting : partnership.meetings()) {
			assertThat(admin().postForEntity("/api/meetings/{m}/packs", null, String.class, meeting.id()).getStatusCode())
				.isIn(HttpStatus.CREATED, HttpStatus.OK);
			for (Attendee attendee : meeting.attendees()) {
				holders.add(new Holder(meeting, attendee, links.issue(meeting.id(), attendee.id())));
			}
		}
	}

	static String ownerLine(Attendee attendee) {
		return "This pack is for <strong>" + attendee.name() + "</strong>";
	}

	@Test
	void everyAttendeeOpensTheirOwnViewAndNothingTheySendReachesAnotherAttendeesView() throws Exception {
		assertThat(holders).hasSize(9);
		for (Holder a : holders) {
			ResponseEntity<String> own = rest.getForEntity("/v/{t}", String.class, a.token());
			assertThat(own.getStatusCode()).isEqualTo(HttpStatus.OK);
			assertThat(own.getBody()).contains(ownerLine(a.attendee()));
			for (Holder b : holders) {
				if (a == b) {
					continue;
				}
				// B's ids in the query and headers are ignored: the link alone says whose view it is.
				HttpHeaders headers = new HttpHeaders();
				headers.add("X-Attendee-Id", b.attendee().id());
				headers.add("X-Meeting-Id", b.meeting().id());
				ResponseEntity<String> steered = rest.exchange("/v/{t}/json?attendee={b}&meeting={m}", HttpMethod.GET,
						new HttpEntity<>(headers), String.class, a.token(), b.attendee().id(), b.meeting().id());
				JsonNode view = json.readTree(steered.getBody());
				assertThat(view.path("recipient").path("attendeeId").asText()).isEqualTo(a.attendee().id());

				// A path naming B, with A's link as a credential, opens nothing.
				for (String path : List.of("/v/" + a.token() + "/" + b.attendee().id(),
						"/meetings/" + b.meeting().id() + "/views/" + b.attendee().id() + ".html",
						"/api/meetings/" + b.meeting().id() + "/packs")) {
					HttpHeaders bearer = new HttpHeaders();
					bearer.setBearerAuth(a.token());
					ResponseEntity<String> refused = rest.exchange(path, HttpMethod.GET, new HttpEntity<>(bearer),
							String.class);
					assertThat(refused.getStatusCode().value()).as(path).isIn(401, 403, 404);
					assertThat(refused.getBody() == null ? "" : refused.getBody()).doesNotContain(ownerLine(b.attendee()))
						.doesNotContain("Agnieszka", "Daniel Mercer");
				}
			}
		}
	}

	/**
	 * Many attendees opening at once wait their turn (a few openings run at a time) and each
	 * still gets their own view, and every opening is logged.
	 */
	@Test
	void attendeesOpeningTogetherEachGetTheirOwnViewAndEveryOpeningIsLogged() throws Exception {
		int before = openings(holders.get(0).meeting().id()).size();
		java.util.concurrent.ExecutorService readers = java.util.concurrent.Executors.newFixedThreadPool(30);
		try {
			List<java.util.concurrent.Future<String>> answers = new ArrayList<>();
			for (int i = 0; i < 90; i++) {
				Holder h = holders.get(i % holders.size());
				answers.add(readers.submit(() -> {
					ResponseEntity<String> view = rest.getForEntity("/v/{t}", String.class, h.token());
					String body = view.getBody() == null ? "" : view.getBody();
					boolean others = holders.stream()
						.filter(other -> !other.attendee().name().equals(h.attendee().name()))
						.anyMatch(other -> body.contains(ownerLine(other.attendee())));
					return view.getStatusCode().value() + (body.contains(ownerLine(h.attendee())) ? " own" : " not own")
							+ (others ? " and another's" : "");
				}));
			}
			for (java.util.concurrent.Future<String> answer : answers) {
				assertThat(answer.get(60, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("200 own");
			}
		}
		finally {
			readers.shutdownNow();
		}
		int expected = (int) java.util.stream.IntStream.range(0, 90)
			.filter(i -> holders.get(i % holders.size()).meeting() == holders.get(0).meeting())
			.count();
		assertThat(expected).isPositive();
		assertThat(openings(holders.get(0).meeting().id()).size() - before).isEqualTo(expected);
		// Builds gave way while these were answered, and no longer do: none is still counted.
		assertThat(pacing.openings()).isZero();
	}

	/**
	 * A view is what the policy decided for the attendee's role and organisation. Moved to another
	 * after the build (here straight in the database, as any path might), their link opens nothing
	 * until a build decides for them; and the calendar refuses such a move for an attendee who
	 * holds a view.
	 */
	@Test
	void anAttendeeMovedToAnotherRoleOrAddressAfterTheBuildIsNotShownTheViewDecidedForThem(
			@Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc,
			@Autowired org.proportion.schedule.MeetingCalendar calendar) throws Exception {
		Holder police = holders.stream()
			.filter(h -> h.attendee().role().equals("police_officer"))
			.findFirst()
			.orElseThrow();
		Meeting m = police.meeting();
		String id = police.attendee().id();
		assertThat(rest.getForEntity("/v/{t}", String.class, police.token()).getBody()).contains("Agnieszka");

		List<Attendee> moved = m.attendees()
			.stream()
			.map(a -> a.id().equals(id) ? new Attendee(id, "Someone else", "observer", "university", a.email()) : a)
			.toList();
		Meeting changed = new Meeting(m.id(), m.title(), m.type(), m.purpose(), m.date(), m.cohort(), moved, m.agenda(),
				m.startsAt(), m.buildHoursBefore(), m.organiserEmail(), m.repeatEveryDays(), m.purposes(),
				m.requestedFields());
		assertThatThrownBy(() -> calendar.update(changed, "admin"))
			.isInstanceOfSatisfying(org.proportion.ingest.IntakeRejected.class,
					ex -> assertThat(ex.code()).isEqualTo("attendee_holds_pack"));
		assertThat(partnership.attendee(m.id(), id).orElseThrow().role()).isEqualTo("police_officer");
		// Nor may their view be re-sent to another address (the organiser's, say) in their name.
		List<Attendee> readdressed = m.attendees()
			.stream()
			.map(a -> a.id().equals(id) ? new Attendee(id, a.name(), a.role(), a.organisationId(), "organiser@council.example") : a)
			.toList();
		assertThatThrownBy(() -> calendar.update(new Meeting(m.id(), m.title(), m.type(), m.purpose(), m.date(), m.cohort(),
				readdressed, m.agenda(), m.startsAt(), m.buildHoursBefore(), m.organiserEmail(), m.repeatEveryDays(),
				m.purposes(), m.requestedFields()), "admin"))
			.isInstanceOfSatisfying(org.proportion.ingest.IntakeRejected.class,
					ex -> assertThat(ex.code()).isEqualTo("attendee_holds_pack"));
		assertThat(partnership.attendee(m.id(), id).orElseThrow().email()).isNull();

		try {
			jdbc.sql("update attendee set role = 'observer', organisation_id = 'university' where meeting_id = ? and id = ?")
				.params(m.id(), id)
				.update();
			ResponseEntity<String> html = rest.getForEntity("/v/{t}", String.class, police.token());
			assertThat(html.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
			assertThat(html.getBody()).contains("This link is not valid").doesNotContain("Agnieszka", "Nowak");
			assertThat(rest.getForEntity("/v/{t}/json", String.class, police.token()).getBody())
				.doesNotContain("Agnieszka", "Nowak");

			// A build decides for them as they now stand: an observer's trends, no names.
			admin().postForEntity("/api/meetings/{m}/packs", null, String.class, m.id());
			ResponseEntity<String> rebuilt = rest.getForEntity("/v/{t}", String.class, links.issue(m.id(), id));
			assertThat(rebuilt.getStatusCode()).isEqualTo(HttpStatus.OK);
			assertThat(rebuilt.getBody()).doesNotContain("Agnieszka", "Nowak");
		}
		finally {
			jdbc.sql("update attendee set role = 'police_officer', organisation_id = 'police' where meeting_id = ? and id = ?")
				.params(m.id(), id)
				.update();
			admin().postForEntity("/api/meetings/{m}/packs", null, String.class, m.id());
		}
	}

	@Test
	void anExpiredLinkOpensNothing() {
		String expired = links.issue("rs-mam-2026-12", "mam-police", Instant.now().minusSeconds(1));
		ResponseEntity<String> response = rest.getForEntity("/v/{t}", String.class, expired);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(response.getBody()).contains("not valid").doesNotContain("Agnieszka");
	}

	@Test
	void aRevokedAttendeeGetsNoNewLinkUntilReinstatedAndReissuingNeverShowsTheAdminALink() throws Exception {
		String old = links.issue("rs-mam-2026-12", "mam-police");
		ResponseEntity<Void> revoked = admin().exchange("/api/meetings/rs-mam-2026-12/attendees/mam-police/link",
				HttpMethod.DELETE, null, Void.class);
		assertThat(revoked.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
		assertThat(rest.getForEntity("/v/{t}", String.class, old).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThatThrownBy(() -> links.issue("rs-mam-2026-12", "mam-police")).isInstanceOf(IllegalStateException.class);

		// Reissuing tells the admin who was sent a link; the links themselves go only to attendees.
		ResponseEntity<String> reissued = admin().postForEntity("/api/meetings/rs-mam-2026-12/links", null, String.class);
		assertThat(reissued.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(reissued.getBody()).doesNotContain("/v/").doesNotContainPattern("[A-Za-z0-9_-]{43}");
		JsonNode outcomes = json.readTree(reissued.getBody());
		assertThat(outcomes).hasSize(6);
		Map<String, String> byAttendee = new LinkedHashMap<>();
		outcomes.forEach(o -> byAttendee.put(o.path("attendeeId").asText(), o.path("outcome").asText()));
		assertThat(byAttendee.get("mam-police")).contains("revoked");
		// The sample meeting holds no email addresses: nothing can be sent, and the admin is told so.
		assertThat(byAttendee.get("mam-health")).contains("no email");

		ResponseEntity<String> reinstated = admin().postForEntity("/api/meetings/rs-mam-2026-12/attendees/mam-police/link",
				null, String.class);
		assertThat(reinstated.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(reinstated.getBody()).doesNotContain("/v/").contains("mam-police");
		assertThat(rest.getForObject("/v/{t}", String.class, links.issue("rs-mam-2026-12", "mam-police")))
			.contains("PC Laura Bennett");
	}

	/**
	 * A message's link minted while an admin withdrew the attendee (the race leaves the link
	 * unrevoked, the withdrawal recorded): it opens nothing, because the withdrawal is asked at
	 * every opening.
	 */
	@Test
	void aLinkLeftValidBesideAWithdrawnAttendeeOpensNothing(@Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc) {
		String token = links.issue("rs-mam-2026-12", "mam-health");
		assertThat(rest.getForEntity("/v/{t}", String.class, token).getStatusCode()).isEqualTo(HttpStatus.OK);
		try {
			jdbc.sql("insert into attendee_revocation (meeting_id, attendee_id, revoked_at) values (?, ?, ?)")
				.params("rs-mam-2026-12", "mam-health", java.sql.Timestamp.from(java.time.Instant.now()))
				.update();
			ResponseEntity<String> refused = rest.getForEntity("/v/{t}", String.class, token);
			assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
			assertThat(refused.getBody()).doesNotContain("Nurse Chidi Eze", "Agnieszka");
		}
		finally {
			jdbc.sql("delete from attendee_revocation where meeting_id = ? and attendee_id = ?")
				.params("rs-mam-2026-12", "mam-health")
				.update();
		}
	}

	@Test
	void aTamperedLinkOpensNothing() {
		String token = links.issue("rs-mam-2026-12", "mam-police");
		char last = token.charAt(token.length() - 1);
		List<String> tampered = List.of(token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A'),
				token.substring(1), token + "A", token.toUpperCase(), "../" + token);
		for (String t : tampered) {
			ResponseEntity<String> response = rest.getForEntity("/v/" + t, String.class);
			assertThat(response.getStatusCode().value()).as(t).isIn(400, 401, 403, 404);
			assertThat(response.getBody() == null ? "" : response.getBody()).doesNotContain("Agnieszka");
		}
	}

	@Test
	void adminAndDpoFunctionsNeedTheirOwnRole() {
		assertThat(rest.postForEntity("/api/meetings/rs-mam-2026-12/packs", null, String.class).getStatusCode())
			.isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(rest.withBasicAuth("outreach", "agency-test")
			.postForEntity("/api/meetings/rs-mam-2026-12/packs", null, String.class)
			.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		// An agency sends only its own records.
		HttpHeaders json = new HttpHeaders();
		json.setContentType(MediaType.APPLICATION_JSON);
		assertThat(rest.withBasicAuth("outreach", "agency-test")
			.postForEntity("/api/intake/day-centre", new HttpEntity<>("[{\"clientRef\": \"DC-1\", \"name\": \"X\"}]", json),
					String.class)
			.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		// No challenge: browsers never prompt for, cache or replay API credentials.
		assertThat(rest.postForEntity("/api/meetings/rs-mam-2026-12/packs", null, String.class).getHeaders()
			.containsKey("WWW-Authenticate")).isFalse();
		assertThat(rest.withBasicAuth("dpo", "dpo-test")
			.postForEntity("/api/meetings/rs-mam-2026-12/links", null, String.class)
			.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(admin().getForEntity("/api/decision-log/verification", String.class).getStatusCode())
			.isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(rest.withBasicAuth("dpo", "dpo-test")
			.getForEntity("/api/decision-log/verification", String.class)
			.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(rest.withBasicAuth("admin", "wrong").postForEntity("/api/meetings/rs-mam-2026-12/packs", null,
				String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void viewsForbidScriptsAndReferrersAndCaching() {
		ResponseEntity<String> response = rest.getForEntity("/v/{t}", String.class, holders.get(0).token());
		HttpHeaders headers = response.getHeaders();
		assertThat(headers.getFirst("Content-Security-Policy")).contains("default-src 'none'");
		assertThat(headers.getFirst("Referrer-Policy")).isEqualTo("no-referrer");
		assertThat(headers.getCacheControl()).contains("no-store");
		assertThat(headers.getFirst("X-Frame-Options")).isEqualTo("DENY");
		assertThat(headers.getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
		// A view starts no session: nothing for a shared computer's next user to ride on.
		assertThat(headers.get(HttpHeaders.SET_COOKIE)).isNull();
		// Views are read, never written to: any other method on a link is refused.
		assertThat(rest.exchange("/v/{t}", org.springframework.http.HttpMethod.POST, null, String.class,
				holders.get(0).token()).getStatusCode().is4xxClientError()).isTrue();
	}

	/**
	 * Behind the TLS-terminating proxy (which says so in X-Forwarded-Proto, from a loopback or
	 * private address), the console's session cookie is marked Secure, so a browser never sends it
	 * over plain HTTP; without the proxy's word it is not.
	 */
	@Test
	void behindTheTlsProxyTheConsolesSessionCookieIsMarkedSecure() {
		HttpHeaders proxied = new HttpHeaders();
		proxied.add("X-Forwarded-Proto", "https");
		ResponseEntity<String> viaProxy = rest.exchange("/login", HttpMethod.GET, new HttpEntity<>(proxied), String.class);
		assertThat(viaProxy.getHeaders().getFirst(HttpHeaders.SET_COOKIE)).contains("JSESSIONID", "Secure", "HttpOnly");
		ResponseEntity<String> direct = rest.getForEntity("/login", String.class);
		assertThat(direct.getHeaders().getFirst(HttpHeaders.SET_COOKIE)).contains("JSESSIONID").doesNotContain("Secure");
	}

	@Test
	void htmlFromAnAgencyRendersAsText() {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.valueOf("text/csv"));
		String csv = "client_id,full_name,dob,sex,status,note\nOR-1002,<script>alert('x')</script><b>Bold</b>,01/02/1980,Male,"
				+ "rough_sleeping,<script>alert(2)</script> <i>seen</i>\n";
		assertThat(rest.withBasicAuth("outreach", "agency-test")
			.postForEntity("/api/intake/outreach", new HttpEntity<>(csv, headers), String.class)
			.getStatusCode()).isEqualTo(HttpStatus.OK);
		admin().postForEntity("/api/meetings/rs-mam-2026-12/packs", null, String.class);
		String page = rest.getForObject("/v/{t}", String.class, links.issue("rs-mam-2026-12", "mam-outreach"));
		assertThat(page).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&lt;b&gt;Bold&lt;/b&gt;")
			.contains("&lt;script&gt;alert(2)&lt;/script&gt; &lt;i&gt;seen&lt;/i&gt;")
			.doesNotContain("<script>", "<b>Bold", "<i>seen");
	}

	@Test
	void everyOpeningIsLoggedWithWhoWhichViewAndWhen() throws Exception {
		String token = links.issue("rs-mam-2026-12", "mam-health");
		rest.getForEntity("/v/{t}", String.class, token);
		rest.getForEntity("/v/{t}/json", String.class, token);
		rest.getForEntity("/v/{t}/pdf", byte[].class, token);
		JsonNode log = json.readTree(rest.withBasicAuth("dpo", "dpo-test")
			.getForObject("/api/dpo/meetings/rs-mam-2026-12/views", String.class));
		Map<String, String> formats = new LinkedHashMap<>();
		log.forEach(entry -> {
			if (entry.path("attendeeId").asText().equals("mam-health")) {
				formats.put(entry.path("format").asText(), entry.path("attendeeRole").asText());
				assertThat(entry.path("viewedAt").asText()).isNotBlank();
				assertThat(entry.path("packId").asText()).startsWith("rs-mam-2026-12-v");
			}
		});
		assertThat(formats).containsOnlyKeys("html", "json", "pdf").containsValue("health_practitioner");
	}

	@Test
	void attendeesOpeningTogetherAreEachLoggedOnce() throws Exception {
		List<Holder> rsMam = holders.stream().filter(h -> h.meeting().id().equals("rs-mam-2026-12")).toList();
		assertThat(rsMam).isNotEmpty();
		int before = openings("rs-mam-2026-12").size();
		int rounds = 8;
		java.util.concurrent.ExecutorService readers = java.util.concurrent.Executors.newFixedThreadPool(12);
		try {
			List<java.util.concurrent.Future<Integer>> statuses = new ArrayList<>();
			for (int r = 0; r < rounds; r++) {
				for (Holder h : rsMam) {
					statuses.add(readers.submit(() -> rest.getForEntity("/v/{t}", String.class, h.token()).getStatusCode().value()));
				}
			}
			for (java.util.concurrent.Future<Integer> status : statuses) {
				assertThat(status.get()).isEqualTo(200);
			}
		}
		finally {
			readers.shutdownNow();
		}
		JsonNode log = openings("rs-mam-2026-12");
		assertThat(log.size() - before).isEqualTo(rounds * rsMam.size());
		for (Holder h : rsMam) {
			long theirs = 0;
			for (JsonNode entry : log) {
				theirs += entry.path("attendeeId").asText().equals(h.attendee().id()) ? 1 : 0;
			}
			assertThat(theirs).as(h.attendee().id()).isGreaterThanOrEqualTo(rounds);
		}
	}

	@Test
	void aViewWhoseOpeningCannotBeLoggedIsNotSent(@Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc) {
		Holder h = holders.get(0);
		assertThat(rest.getForEntity("/v/{t}", String.class, h.token()).getBody()).contains(ownerLine(h.attendee()));
		jdbc.sql("alter table view_log rename to view_log_unavailable").update();
		try {
			ResponseEntity<String> refused = rest.getForEntity("/v/{t}", String.class, h.token());
			assertThat(refused.getStatusCode().is2xxSuccessful()).isFalse();
			assertThat(refused.getBody() == null ? "" : refused.getBody()).doesNotContain(ownerLine(h.attendee()))
				.doesNotContain("Agnieszka", "Daniel Mercer");
			// The failed opening no longer holds builds back.
			assertThat(pacing.openings()).isZero();
		}
		finally {
			jdbc.sql("alter table view_log_unavailable rename to view_log").update();
		}
		assertThat(rest.getForEntity("/v/{t}", String.class, h.token()).getStatusCode()).isEqualTo(HttpStatus.OK);
	}

	/**
	 * A link opens its attendee's view in the newest released version of the meeting's pack that
	 * holds one, however many versions there have been: a newer version without a view for them,
	 * or one no longer released, is passed over; a newer released one is opened at once.
	 */
	@Test
	void aLinkOpensTheNewestReleasedVersionThatHoldsItsAttendeesView(
			@Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc) throws Exception {
		Holder h = holders.get(0);
		String meeting = h.meeting().id();
		String other = holders.stream()
			.filter(o -> o.meeting() == h.meeting() && o.attendee() != h.attendee())
			.findFirst()
			.orElseThrow()
			.attendee()
			.id();
		String first = jdbc.sql("""
				select id from pack where meeting_id = ? and status = 'released'
				order by version desc fetch first 1 rows only""")
			.param(meeting)
			.query(String.class)
			.single();
		int from = jdbc.sql("select max(version) from pack where meeting_id = ?").param(meeting).query(Integer.class).single();
		// Forty newer versions by the store's hand: released with another attendee's view but not
		// this one's, or with a copy of this one's but withdrawn or failed.
		for (int version = from + 1; version <= from + 40; version++) {
			String status = version % 3 == 0 ? "withdrawn" : version % 3 == 1 ? "failed" : "released";
			copyPack(jdbc, first, meeting, version, status, status.equals("released") ? other : h.attendee().id());
		}
		assertThat(openedPack(h)).isEqualTo(first);
		String newest = copyPack(jdbc, first, meeting, from + 41, "released", h.attendee().id());
		assertThat(openedPack(h)).isEqualTo(newest);
	}

	private static String copyPack(org.springframework.jdbc.core.simple.JdbcClient jdbc, String from, String meeting,
			int version, String status, String withViewOf) {
		String id = meeting + "-copy-v" + version;
		jdbc.sql("""
				insert into pack (id, meeting_id, version, status, built_at, policy_revision)
				select ?, meeting_id, ?, ?, built_at, policy_revision from pack where id = ?""")
			.params(id, version, status, from)
			.update();
		jdbc.sql("""
				insert into attendee_view (pack_id, meeting_id, attendee_id, json_gz, html_gz, content_hash)
				select ?, meeting_id, attendee_id, json_gz, html_gz, content_hash from attendee_view
				where pack_id = ? and attendee_id = ?""")
			.params(id, from, withViewOf)
			.update();
		return id;
	}

	// Opens the holder's view and answers which pack the view log says was opened.
	private String openedPack(Holder h) throws Exception {
		ResponseEntity<String> view = rest.getForEntity("/v/{t}", String.class, h.token());
		assertThat(view.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(view.getBody()).contains(ownerLine(h.attendee()));
		JsonNode openings = openings(h.meeting().id());
		return openings.get(openings.size() - 1).path("packId").asText();
	}

	JsonNode openings(String meeting) throws Exception {
		return json.readTree(rest.withBasicAuth("dpo", "dpo-test")
			.getForObject("/api/dpo/meetings/{m}/views", String.class, meeting));
	}

}
