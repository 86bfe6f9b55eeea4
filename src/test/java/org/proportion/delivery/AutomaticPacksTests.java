package org.proportion.delivery;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.proportion.ProportionProperties;
import org.proportion.access.AccessLinks;
import org.proportion.ingest.IntakeService;
import org.proportion.partnership.PartnershipRepository;
import org.proportion.schedule.PackScheduler;
import org.proportion.support.GatewayTestSupport;
import org.proportion.support.MutableClock;
import org.proportion.support.OpaServer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Packs built and delivered without anyone assembling them, with a real SMTP server (GreenMail):
 * one message per attendee holding only their link; a new version when agency data changes, told
 * only to those whose view changed; retries while SMTP is down, never a message twice.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
class AutomaticPacksTests extends GatewayTestSupport {

	static final int SMTP_PORT = OpaServer.freePort();

	static final GreenMail SMTP = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

	static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");

	static {
		SMTP.start();
	}

	@AfterAll
	static void stopSmtp() {
		SMTP.stop();
	}

	@TestConfiguration
	static class Time {

		@Bean
		@Primary
		MutableClock testClock() {
			return new MutableClock(NOW);
		}

	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		embeddedDefaults(registry);
		registry.add("proportion.mail.host", () -> "127.0.0.1");
		registry.add("proportion.mail.port", () -> String.valueOf(SMTP_PORT));
	}

	@Autowired
	TestRestTemplate rest;

	@Autowired
	IntakeService intake;

	@Autowired
	PackScheduler scheduler;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AccessLinks links;

	@Autowired
	PartnershipRepository partnership;

	@Autowired
	Mailer mailer;

	@Autowired
	ObjectMapper json;

	@Autowired
	ProportionProperties properties;

	@Autowired
	org.proportion.pack.PackRepository packs;

	@Autowired
	org.proportion.access.ViewLog viewLog;

	@BeforeEach
	void emptyMailboxAndSamples() throws Exception {
		SMTP.purgeEmailFromAllMailboxes();
		intake.fromFile("outreach/outreach-caseload.csv", sample("outreach/outreach-caseload.csv"));
	}

	void schedule(String id, LocalDateTime startsAt) {
		Map<String, Object> meeting = Map.of("id", id, "title", "Northgate rough sleeping meeting " + id, "type",
				"rough_sleeping_mam", "purpose", "rough_sleeping_response", "startsAt", startsAt.toString(), "cohort",
				"rough_sleeping", "organiserEmail", "organiser@council.example", "agenda",
				List.of("outreach:OR-1001", "outreach:OR-1002"), "attendees",
				List.of(attendee(id + "-police", "police_officer", "police", "pc.bennett@police.example"),
						attendee(id + "-health", "health_practitioner", "health", "nurse@nhs.example"),
						attendee(id + "-observer", "observer", "university", "observer@university.example")));
		assertThat(rest.withBasicAuth("admin", "admin-test").postForEntity("/api/meetings", meeting, String.class)
			.getStatusCode()).isEqualTo(HttpStatus.CREATED);
	}

	static Map<String, Object> attendee(String id, String role, String org, String email) {
		return Map.of("id", id, "name", "Attendee " + id, "role", role, "organisationId", org, "email", email);
	}

	static String link(MimeMessage message) {
		String body = GreenMailUtil.getBody(message);
		return Arrays.stream(body.split("\\s+")).filter(w -> w.contains("/v/")).findFirst().orElseThrow();
	}

	static String token(String link) {
		return link.substring(link.lastIndexOf('/') + 1).strip();
	}

	MimeMessage to(MimeMessage[] messages, String recipient) throws Exception {
		for (MimeMessage m : messages) {
			if (m.getAllRecipients()[0].toString().equals(recipient)) {
				return m;
			}
		}
		throw new AssertionError("no message to " + recipient);
	}

	@Test
	void aMeetingDueSoonGetsItsPacksAndEachAttendeeOnlyTheirLinkThenOnlyChangedViewsAreResent() throws Exception {
		schedule("auto", LocalDateTime.ofInstant(NOW, ZoneOffset.UTC).plusHours(2));
		// The organiser records why she is discussed: the police need to know who she is for it.
		rest.withBasicAuth("admin", "admin-test").put("/api/meetings/auto/agenda/outreach:OR-1001/purposes",
				Map.of("purposes", List.of("safeguarding_concern")));
		scheduler.tick();

		MimeMessage[] first = SMTP.getReceivedMessages();
		assertThat(first).hasSize(3);
		for (MimeMessage message : first) {
			String body = GreenMailUtil.getBody(message);
			assertThat(message.getAllRecipients()).hasSize(1);
			assertThat(message.getSubject()).contains("Northgate rough sleeping meeting auto");
			assertThat(body).contains("/v/", "Tuesday 1 December 2026 at 11:00")
				.doesNotContain("Agnieszka", "Nowak", "1992", "sertraline", "Zielinski", "Polish", "depression");
		}
		String policeLink = token(link(to(first, "pc.bennett@police.example")));
		String observerLink = token(link(to(first, "observer@university.example")));
		assertThat(rest.getForObject("/v/{t}", String.class, policeLink)).contains("Attendee auto-police", "Agnieszka Nowak");

		// The outreach team corrects her record before the meeting: a new version, told only to
		// those whose view changed (police and health see her notes; the observer sees trends only).
		String corrected = new String(sample("outreach/outreach-caseload.csv"))
			.replace("Met Aga on the Tuesday shift", "Met Aga on the Wednesday shift");
		intake.fromFile("outreach/corrected.csv", corrected.getBytes());
		clock.set(NOW.plusSeconds(60));
		scheduler.tick();

		MimeMessage[] all = SMTP.getReceivedMessages();
		assertThat(all).hasSize(5);
		// GreenMail lists messages by mailbox, not by time: sort them by subject.
		List<String> changedTo = new java.util.ArrayList<>();
		int firstMessages = 0;
		for (MimeMessage m : all) {
			if (m.getSubject().startsWith("Your pack has changed")) {
				changedTo.add(m.getAllRecipients()[0].toString());
			}
			else {
				firstMessages++;
			}
		}
		assertThat(firstMessages).isEqualTo(3);
		assertThat(changedTo).containsExactlyInAnyOrder("pc.bennett@police.example", "nurse@nhs.example");
		var old = rest.getForEntity("/v/{t}", String.class, policeLink);
		assertThat(old.getStatusCode()).isEqualTo(HttpStatus.GONE);
		assertThat(old.getBody()).contains("superseded").doesNotContain("Agnieszka");
		assertThat(rest.getForEntity("/v/{t}", String.class, observerLink).getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(jdbc.sql("select count(*) from pack where meeting_id = 'auto' and status = 'released'")
			.query(Integer.class).single()).isEqualTo(2);

		// The organiser sees who was sent what, and who opened it.
		String deliveries = rest.withBasicAuth("admin", "admin-test").getForObject("/api/meetings/auto/deliveries", String.class);
		assertThat(json.readTree(deliveries)).hasSize(5);
		// The police officer opened the first version once (the superseded link opened nothing);
		// the second, sent to her after the correction, not yet.
		List<Long> policeOpened = new java.util.ArrayList<>();
		json.readTree(deliveries).forEach(row -> {
			if ("auto-police".equals(row.path("attendee_id").asText())) {
				policeOpened.add(row.path("opened").asLong(-1));
			}
		});
		assertThat(policeOpened).containsExactly(1L, 0L);
	}

	@Test
	void anObjectionAfterDeliveryRebuildsAndTellsOnlyThoseWhoseViewChanged() throws Exception {
		schedule("late", LocalDateTime.ofInstant(NOW, ZoneOffset.UTC).plusHours(2));
		scheduler.tick();
		assertThat(SMTP.getReceivedMessages()).hasSize(3);
		SMTP.purgeEmailFromAllMailboxes();

		rest.withBasicAuth("dpo", "dpo-test").postForObject("/api/dpo/people/outreach:OR-1001/objection", null, String.class);
		scheduler.tick();
		List<String> told = new java.util.ArrayList<>();
		for (MimeMessage m : SMTP.getReceivedMessages()) {
			assertThat(m.getSubject()).startsWith("Your pack has changed");
			told.add(m.getAllRecipients()[0].toString());
		}
		assertThat(told).containsExactlyInAnyOrder("pc.bennett@police.example", "nurse@nhs.example");
	}

	int validLinks(String meeting, String attendee) {
		return jdbc.sql("select count(*) from access_link where meeting_id = ? and attendee_id = ? and revoked_at is null")
			.params(meeting, attendee)
			.query(Integer.class)
			.single();
	}

	List<String> recipients() throws Exception {
		List<String> to = new java.util.ArrayList<>();
		for (MimeMessage m : SMTP.getReceivedMessages()) {
			to.add(m.getAllRecipients()[0].toString());
		}
		return to;
	}

	@Test
	void aRevokedAttendeeIsMailedNoNewLinkAndReissuedLinksGoToTheAttendeesNotTheAdmin() throws Exception {
		schedule("revoke", LocalDateTime.ofInstant(NOW, ZoneOffset.UTC).plusHours(2));
		scheduler.tick();
		String policeLink = token(link(to(SMTP.getReceivedMessages(), "pc.bennett@police.example")));
		String healthLink = token(link(to(SMTP.getReceivedMessages(), "nurse@nhs.example")));
		TestRestTemplate admin = rest.withBasicAuth("admin", "admin-test");
		admin.delete("/api/meetings/revoke/attendees/revoke-police/link");
		assertThat(rest.getForEntity("/v/{t}", String.class, policeLink).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		SMTP.purgeEmailFromAllMailboxes();

		// The agency's next export changes the police officer's view: the new version is not mailed to them.
		String corrected = new String(sample("outreach/outreach-caseload.csv"))
			.replace("Met Aga on the Tuesday shift", "Met Aga on the Wednesday shift");
		intake.fromFile("outreach/corrected.csv", corrected.getBytes());
		clock.set(NOW.plusSeconds(60));
		scheduler.tick();
		assertThat(recipients()).containsExactly("nurse@nhs.example");
		assertThat(validLinks("revoke", "revoke-police")).isZero();
		SMTP.purgeEmailFromAllMailboxes();

		// Reissuing: the admin learns who was sent a link, never a link; the attendees get them by email.
		ResponseEntity<String> reissued = admin.postForEntity("/api/meetings/revoke/links", null, String.class);
		assertThat(reissued.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(reissued.getBody()).doesNotContain("/v/").doesNotContainPattern("[A-Za-z0-9_-]{43}");
		Map<String, String> outcomes = new java.util.LinkedHashMap<>();
		json.readTree(reissued.getBody()).forEach(o -> outcomes.put(o.path("attendeeId").asText(), o.path("outcome").asText()));
		assertThat(outcomes).containsOnlyKeys("revoke-police", "revoke-health", "revoke-observer");
		assertThat(outcomes.get("revoke-police")).contains("revoked");
		assertThat(outcomes.get("revoke-health")).contains("sent");
		assertThat(recipients()).containsExactlyInAnyOrder("nurse@nhs.example", "observer@university.example");
		String newHealthLink = token(link(to(SMTP.getReceivedMessages(), "nurse@nhs.example")));
		assertThat(rest.getForEntity("/v/{t}", String.class, healthLink).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(rest.getForObject("/v/{t}", String.class, newHealthLink)).contains("Attendee revoke-health");
		assertThat(validLinks("revoke", "revoke-health")).isEqualTo(1);
		assertThat(validLinks("revoke", "revoke-police")).isZero();
		SMTP.purgeEmailFromAllMailboxes();

		// Only reinstating the police officer sends them a working link, and only to them.
		ResponseEntity<String> reinstated = admin.postForEntity("/api/meetings/revoke/attendees/revoke-police/link", null,
				String.class);
		assertThat(reinstated.getBody()).doesNotContain("/v/").contains("sent");
		assertThat(recipients()).containsExactly("pc.bennett@police.example");
		String newPoliceLink = token(link(SMTP.getReceivedMessages()[0]));
		assertThat(rest.getForObject("/v/{t}", String.class, newPoliceLink)).contains("Attendee revoke-police");
	}

	@Autowired
	org.apache.camel.CamelContext camel;

	@Test
	void aMeetingFileDroppedByAnAdminIsAddedAndABadOneIsParked() throws Exception {
		java.nio.file.Path inbox = java.nio.file.Files.createDirectories(
				java.nio.file.Path.of(camel.resolvePropertyPlaceholders("{{proportion.meetings-inbox}}")));
		var done = new org.apache.camel.builder.NotifyBuilder(camel).fromRoute("meeting-file-drop").whenDone(2).create();
		String meeting = json.writeValueAsString(Map.of("id", "dropped", "title", "Dropped meeting", "type",
				"rough_sleeping_mam", "purpose", "rough_sleeping_response", "startsAt", "2026-12-20T10:00", "agenda",
				List.of("outreach:OR-1001"), "attendees",
				List.of(attendee("dropped-police", "police_officer", "police", "pc@police.example"))));
		java.nio.file.Files.writeString(inbox.resolve(".good.part"), meeting);
		java.nio.file.Files.move(inbox.resolve(".good.part"), inbox.resolve("good.json"));
		java.nio.file.Files.writeString(inbox.resolve(".bad.part"), "{\"id\": \"half\"");
		java.nio.file.Files.move(inbox.resolve(".bad.part"), inbox.resolve("bad.json"));
		assertThat(done.matches(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
		assertThat(partnership.meeting("dropped")).isPresent();
		java.nio.file.Path deadLetter = java.nio.file.Path.of(camel.resolvePropertyPlaceholders("{{proportion.dead-letter}}"));
		try (var parked = java.nio.file.Files.list(deadLetter)) {
			assertThat(parked.map(f -> f.getFileName().toString())).anyMatch(n -> n.endsWith("bad.json.reason.json"));
		}
	}

	@Test
	void aRepeatingMeetingGetsItsNextOccurrenceOnceItHasStarted() {
		schedule("fortnightly", LocalDateTime.ofInstant(NOW, ZoneOffset.UTC).minusHours(1));
		jdbc.sql("update meeting set repeat_every_days = 14 where id = 'fortnightly'").update();
		scheduler.tick();
		assertThat(partnership.meeting("fortnightly@20261215")).hasValueSatisfying(next -> {
			assertThat(next.startsAt()).isEqualTo(LocalDateTime.parse("2026-12-15T08:00"));
			assertThat(next.attendees()).extracting(a -> a.id()).contains("fortnightly-police@20261215");
		});
	}

	@Test
	void whileSmtpIsDownMessagesWaitAndAreSentOnceWhenItIsBack() throws Exception {
		SMTP.stop();
		try {
			schedule("down", LocalDateTime.ofInstant(NOW, ZoneOffset.UTC).plusHours(3));
			scheduler.tick();
			assertThat(jdbc.sql("select count(*) from delivery where meeting_id = 'down' and status = 'pending' and attempts = 1")
				.query(Integer.class).single()).isEqualTo(3);
			// The failed attempts' links reached nobody: none of them works.
			clock.set(NOW.plusSeconds(45));
			scheduler.tick();
			assertThat(jdbc.sql("select count(*) from access_link where meeting_id = 'down' and revoked_at is null")
				.query(Integer.class).single()).isZero();
			assertThat(jdbc.sql("select count(*) from access_link where meeting_id = 'down'").query(Integer.class).single())
				.isEqualTo(6);
		}
		finally {
			SMTP.start();
		}
		scheduler.tick();
		assertThat(SMTP.getReceivedMessages()).as("not yet due again").isEmpty();
		clock.set(NOW.plusSeconds(120));
		scheduler.tick();
		scheduler.tick();
		assertThat(SMTP.getReceivedMessages()).hasSize(3);
		assertThat(jdbc.sql("select count(*) from delivery where meeting_id = 'down' and status = 'sent'")
			.query(Integer.class).single()).isEqualTo(3);
		// Each attendee holds exactly one working link: the one in the message that got through.
		for (String attendee : List.of("down-police", "down-health", "down-observer")) {
			assertThat(validLinks("down", attendee)).as(attendee).isEqualTo(1);
		}
		for (MimeMessage message : SMTP.getReceivedMessages()) {
			assertThat(rest.getForEntity("/v/{t}", String.class, token(link(message))).getStatusCode()).isEqualTo(HttpStatus.OK);
		}
	}

	@Test
	void aRestartBetweenBuildAndDeliveryLosesNothingAndSendsNothingTwice() throws Exception {
		SMTP.stop();
		schedule("restart", LocalDateTime.ofInstant(NOW, ZoneOffset.UTC).plusHours(3));
		scheduler.tick();
		SMTP.start();
		// A fresh sender, as after a restart: everything it needs is in the database.
		clock.set(NOW.plusSeconds(120));
		Deliveries afterRestart = new Deliveries(jdbc, links, partnership, mailer, clock, properties, packs, viewLog);
		assertThat(afterRestart.sendPending()).isEqualTo(3);
		assertThat(afterRestart.sendPending()).isZero();
		scheduler.tick();
		assertThat(SMTP.getReceivedMessages()).hasSize(3);
	}

	/**
	 * The schedule tells a stale pack by the agenda records it was built from, not by its build
	 * time. A record is stamped before its intake commits, so with intake and builds running at
	 * once (two gateways, a Kafka stream) a pack can already hold a record stamped after its build
	 * began, which must not make it stale (it was rebuilt, "unchanged", at every run for ever: the
	 * two-gateway kill test's meetings never settled), and can miss a record stamped before its
	 * build began that committed after the build read, which must. Both stamps are set here as
	 * those races leave them.
	 */
	@Test
	void aPackIsStaleWhenItsAgendaRecordsDifferFromThoseItWasBuiltFromWhateverTheirStamps() throws Exception {
		schedule("race", LocalDateTime.ofInstant(NOW, ZoneOffset.UTC).plusHours(2));
		scheduler.tick();
		assertThat(packs.releasedCount("race")).isEqualTo(1);
		java.sql.Timestamp builtAt = jdbc.sql("select built_at from pack where meeting_id = 'race' and status = 'released'")
			.query(java.sql.Timestamp.class)
			.single();

		// The pack holds OR-1001 as it stands, stamped after the pack's build began.
		jdbc.sql("update case_record set updated_at = ? where case_ref = 'outreach:OR-1001'")
			.param(new java.sql.Timestamp(builtAt.getTime() + 1000))
			.update();
		assertThat(scheduler.dueMeetings()).as("a pack that holds the records as they stand").doesNotContain("race");
		scheduler.tick();
		assertThat(packs.releasedCount("race")).isEqualTo(1);

		// OR-1001 corrected, stamped before the pack's build began: the pack does not hold it.
		String corrected = new String(sample("outreach/outreach-caseload.csv"))
			.replace("Met Aga on the Tuesday shift", "Met Aga on the Wednesday shift");
		intake.fromFile("outreach/corrected.csv", corrected.getBytes());
		jdbc.sql("update case_record set updated_at = ? where case_ref = 'outreach:OR-1001'")
			.param(new java.sql.Timestamp(builtAt.getTime() - 60_000))
			.update();
		assertThat(scheduler.dueMeetings()).as("a record the pack does not hold").contains("race");
		scheduler.tick();
		assertThat(packs.releasedCount("race")).isEqualTo(2);
		assertThat(scheduler.dueMeetings()).doesNotContain("race");
	}

}
