package org.proportion.schedule;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.mail.MessagingException;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.proportion.ingest.IntakeService;
import org.proportion.support.GatewayTestSupport;
import org.proportion.support.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The schedule's routes (routes/schedule.camel.yaml) with Camel's test kit, on the whole gateway
 * and the real OPA server: the cron trigger is replaced by a direct endpoint, the SMTP endpoint by
 * a mock (AdviceWith), and a mock placed before each meeting's build can make one build throw.
 * What must hold: one trigger fans out to the build and outbox routes; each attendee's message
 * goes through the mail route once, with nothing but To, Subject and Content-Type as headers; a
 * message the server does not take is retried later and still sent once; a meeting whose build
 * throws does not stop the next meeting's build, nor the outbox; the retention trigger (also
 * replaced by a direct endpoint) deletes packs and raw drops once their periods have passed, and
 * nothing before, each meeting on its own (a mock before each meeting's deletion can make one
 * throw). Run on H2 and on PostgreSQL by the subclasses.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@Import(ScheduleRoutesTests.Time.class)
abstract class ScheduleRoutesTests extends GatewayTestSupport {

	static final Instant START = Instant.parse("2026-12-01T09:00:00Z");

	@TestConfiguration
	static class Time {

		@Bean
		@Primary
		MutableClock testClock() {
			return new MutableClock(START);
		}

	}

	/** An SMTP server is configured (so the route takes its smtp: branch); the test replaces it. */
	static void smtpConfigured(DynamicPropertyRegistry registry) {
		registry.add("proportion.mail.host", () -> "smtp.test.invalid");
		registry.add("proportion.mail.port", () -> "2525");
	}

	@Autowired
	CamelContext camel;

	@Autowired
	ProducerTemplate producer;

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

	@Value("${proportion.archive}")
	Path archive;

	@Value("${proportion.retention.days}")
	int retentionDays;

	@BeforeEach
	void adviseRoutes() throws Exception {
		// Once per context (each test class has its own): the advised routes then use the mocks.
		if (camel.hasEndpoint("mock:smtp") == null) {
			AdviceWith.adviceWith(camel, "pack-schedule", a -> a.replaceFromWith("direct:cron"));
			AdviceWith.adviceWith(camel, "retention", a -> {
				a.replaceFromWith("direct:retention-cron");
				a.weaveById("purge-meeting").before().to("mock:purge");
			});
			AdviceWith.adviceWith(camel, "send-mail", a -> a.weaveById("send-smtp").replace().to("mock:smtp"));
			AdviceWith.adviceWith(camel, "build-meeting", a -> a.weaveById("build-meeting-pack").before().to("mock:build"));
		}
		smtp().reset();
		build().reset();
		camel.getEndpoint("mock:purge", MockEndpoint.class).reset();
		intake.fromFile("outreach/outreach-caseload.csv", sample("outreach/outreach-caseload.csv"));
	}

	MockEndpoint smtp() {
		return camel.getEndpoint("mock:smtp", MockEndpoint.class);
	}

	MockEndpoint build() {
		return camel.getEndpoint("mock:build", MockEndpoint.class);
	}

	void schedule(String id) {
		LocalDateTime startsAt = LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).plusHours(2);
		Map<String, Object> meeting = Map.of("id", id, "title", "Route meeting " + id, "type", "rough_sleeping_mam",
				"purpose", "rough_sleeping_response", "startsAt", startsAt.toString(), "cohort", "rough_sleeping",
				"organiserEmail", "organiser@council.example", "agenda", List.of("outreach:OR-1001", "outreach:OR-1002"),
				"attendees",
				List.of(attendee(id + "-police", "police_officer", "police", id + ".police@police.example"),
						attendee(id + "-health", "health_practitioner", "health", id + ".nurse@nhs.example"),
						attendee(id + "-observer", "observer", "university", id + ".observer@university.example")));
		assertThat(rest.withBasicAuth("admin", "admin-test").postForEntity("/api/meetings", meeting, String.class)
			.getStatusCode()).isEqualTo(HttpStatus.CREATED);
	}

	static Map<String, Object> attendee(String id, String role, String org, String email) {
		return Map.of("id", id, "name", "Attendee " + id, "role", role, "organisationId", org, "email", email);
	}

	/** The messages the mock SMTP endpoint took for one meeting. */
	List<Exchange> mailsFor(String meeting) {
		return smtp().getReceivedExchanges()
			.stream()
			.filter(e -> e.getIn().getHeader("Subject", String.class).endsWith("Route meeting " + meeting))
			.toList();
	}

	int deliveries(String meeting, String status) {
		return jdbc.sql("select count(*) from delivery where meeting_id = ? and status = ?")
			.params(meeting, status)
			.query(Integer.class)
			.single();
	}

	int released(String meeting) {
		return jdbc.sql("select count(*) from pack where meeting_id = ? and status = 'released'")
			.param(meeting)
			.query(Integer.class)
			.single();
	}

	@Test
	void theCronTriggerFansOutAndEachAttendeeIsSentOneMessageThroughTheMailRoute() {
		schedule("fan");
		NotifyBuilder done = new NotifyBuilder(camel).fromRoute("pack-schedule").whenDone(1).create();
		producer.sendBody("direct:cron", null);
		assertThat(done.matches(60, TimeUnit.SECONDS)).isTrue();

		assertThat(released("fan")).isEqualTo(1);
		List<Exchange> mails = mailsFor("fan");
		assertThat(mails).hasSize(3);
		assertThat(mails).extracting(e -> e.getIn().getHeader("To", String.class))
			.containsExactlyInAnyOrder("fan.police@police.example", "fan.nurse@nhs.example",
					"fan.observer@university.example");
		for (Exchange mail : mails) {
			// Nothing of the exchange (the trigger's headers, ids) leaks into the message.
			assertThat(mail.getIn().getHeaders()).containsOnlyKeys("To", "Subject", "Content-Type");
			assertThat(mail.getIn().getBody(String.class)).contains("/v/").doesNotContain("Agnieszka", "Nowak");
		}
		assertThat(deliveries("fan", "sent")).isEqualTo(3);

		// The next run finds nothing due: no message twice.
		NotifyBuilder again = new NotifyBuilder(camel).fromRoute("pack-schedule").whenDone(1).create();
		producer.sendBody("direct:cron", null);
		assertThat(again.matches(60, TimeUnit.SECONDS)).isTrue();
		assertThat(mailsFor("fan")).hasSize(3);
		assertThat(released("fan")).isEqualTo(1);
	}

	@Test
	void aMessageTheServerDoesNotTakeIsRetriedLaterAndEveryMessageIsSentOnce() {
		schedule("retry");
		smtp().whenExchangeReceived(1, e -> e.setException(new MessagingException("injected: server busy")));
		scheduler.tick();

		// The failure of one message did not stop the other two.
		assertThat(mailsFor("retry")).hasSize(3);
		assertThat(deliveries("retry", "sent")).isEqualTo(2);
		assertThat(jdbc.sql("select count(*) from delivery where meeting_id = 'retry' and status = 'pending' and attempts = 1")
			.query(Integer.class)
			.single()).isEqualTo(1);
		String refused = smtp().getReceivedExchanges().get(0).getIn().getHeader("To", String.class);
		// The failed attempt's link reached nobody: it does not work.
		assertThat(jdbc.sql("""
				select count(*) from access_link l join delivery d on d.meeting_id = l.meeting_id and d.attendee_id = l.attendee_id
				where d.recipient = ? and l.revoked_at is null""").param(refused).query(Integer.class).single()).isZero();

		scheduler.tick();
		assertThat(mailsFor("retry")).as("not due again yet").hasSize(3);

		clock.set(clock.instant().plusSeconds(120));
		scheduler.tick();
		scheduler.tick();
		List<Exchange> mails = mailsFor("retry");
		assertThat(mails).hasSize(4);
		assertThat(mails.subList(1, 4)).extracting(e -> e.getIn().getHeader("To", String.class))
			.containsExactlyInAnyOrder("retry.police@police.example", "retry.nurse@nhs.example",
					"retry.observer@university.example");
		assertThat(deliveries("retry", "sent")).isEqualTo(3);
	}

	@Test
	void aMeetingWhoseBuildThrowsDoesNotStopTheNextMeetingsBuildNorTheOutbox() {
		// Straight to the build route: both meetings reach their build, and the run does not fail.
		build().whenExchangeReceived(1, e -> e.setException(new IllegalStateException("injected")));
		producer.requestBody("direct:build-meetings", List.of("no-such-meeting-1", "no-such-meeting-2"));
		assertThat(build().getReceivedExchanges()).extracting(e -> e.getIn().getBody(String.class))
			.containsExactly("no-such-meeting-1", "no-such-meeting-2");
		build().reset();

		// Through the schedule: the first build throws, the second is built and its messages sent.
		schedule("one");
		schedule("two");
		build().whenExchangeReceived(1, e -> e.setException(new IllegalStateException("injected")));
		scheduler.tick();
		List<String> tried = build().getReceivedExchanges().stream().map(e -> e.getIn().getBody(String.class)).toList();
		assertThat(tried).containsExactlyInAnyOrder("one", "two");
		String failed = tried.get(0);
		String built = tried.get(1);
		assertThat(released(failed)).isZero();
		assertThat(released(built)).isEqualTo(1);
		assertThat(mailsFor(built)).hasSize(3);
		assertThat(mailsFor(failed)).isEmpty();

		// Fail closed, then retried: the next run builds it (it is still due), sending each message once.
		scheduler.tick();
		assertThat(released(failed)).isEqualTo(1);
		assertThat(released(built)).isEqualTo(1);
		assertThat(mailsFor(failed)).hasSize(3);
		assertThat(mailsFor(built)).hasSize(3);
	}

	@Test
	void theRetentionTriggerDeletesPacksAndRawDropsPastTheirRetentionPeriodsEachMeetingOnItsOwn() throws Exception {
		schedule("kept");
		schedule("kept-too");
		scheduler.tick();
		assertThat(released("kept")).isEqualTo(1);
		assertThat(released("kept-too")).isEqualTo(1);
		// An agency's drop archived today, in the archive's own day-folder layout.
		String today = java.time.format.DateTimeFormatter.BASIC_ISO_DATE.format(clock.instant().atZone(ZoneOffset.UTC));
		Path drop = Files.createDirectories(archive.resolve(today).resolve("090000000").resolve("outreach"))
			.resolve("kept.csv");
		Files.writeString(drop, "client_id,full_name\nOR-9931,Kept Person\n");

		// A firing before either period has passed deletes nothing.
		fireRetention();
		assertThat(released("kept")).isEqualTo(1);
		assertThat(drop).exists();

		// Past the meeting's retention period (the suite's, a century) and the raw drops' (30 days).
		// Time only moves on, as it does: setting it back would make meetings whose packs were
		// deleted due again for the tests that follow. The first deletion of "kept" fails (the
		// database refusing it, say): the other meeting and the drops are still deleted.
		AtomicBoolean failOnce = new AtomicBoolean(true);
		camel.getEndpoint("mock:purge", MockEndpoint.class).whenAnyExchangeReceived(exchange -> {
			if ("kept".equals(exchange.getMessage().getBody(String.class)) && failOnce.getAndSet(false)) {
				throw new IllegalStateException("the store refused it");
			}
		});
		clock.set(clock.instant().plus(Duration.ofDays(retentionDays + 2L)));
		fireRetention();
		assertThat(failOnce).isFalse();
		assertThat(packStatuses("kept")).containsExactly("released");
		assertThat(packStatuses("kept-too")).containsExactly("deleted");
		assertThat(viewsOf("kept-too")).isZero();
		assertThat(drop).doesNotExist();
		assertThat(drop.resolveSibling("kept.csv.purged.json")).exists();

		// Still due, so the next firing deletes it, whole.
		fireRetention();
		assertThat(packStatuses("kept")).containsExactly("deleted");
		assertThat(viewsOf("kept")).isZero();
	}

	List<String> packStatuses(String meeting) {
		return jdbc.sql("select status from pack where meeting_id = ?").param(meeting).query(String.class).list();
	}

	int viewsOf(String meeting) {
		return jdbc.sql("select count(*) from attendee_view where meeting_id = ?").param(meeting).query(Integer.class).single();
	}

	void fireRetention() {
		NotifyBuilder done = new NotifyBuilder(camel).fromRoute("retention").whenDone(1).create();
		producer.sendBody("direct:retention-cron", null);
		assertThat(done.matches(60, TimeUnit.SECONDS)).isTrue();
	}

}
