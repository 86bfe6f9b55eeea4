package org.proportion.delivery;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.proportion.ingest.IntakeService;
import org.proportion.schedule.PackScheduler;
import org.proportion.support.GatewayTestSupport;
import org.proportion.support.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded default, with no SMTP server configured: the mail route writes each message to the
 * mailbox folder through its file: endpoint (what ./proportion run shows), each once, holding the
 * attendee's link and no personal data of the people discussed.
 */
class MailboxDeliveryTests extends GatewayTestSupport {

	static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");

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
	}

	@Autowired
	TestRestTemplate rest;

	@Autowired
	IntakeService intake;

	@Autowired
	PackScheduler scheduler;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	CamelContext camel;

	List<String> mailbox() throws Exception {
		Path folder = Path.of(camel.resolvePropertyPlaceholders("{{proportion.mailbox}}"));
		if (!Files.isDirectory(folder)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(folder)) {
			return files.sorted().map(f -> {
				try {
					return Files.readString(f, StandardCharsets.UTF_8);
				}
				catch (java.io.IOException ex) {
					throw new java.io.UncheckedIOException(ex);
				}
			}).toList();
		}
	}

	@Test
	void withNoSmtpServerEachMessageIsWrittenToTheMailboxOnce() throws Exception {
		intake.fromFile("outreach/outreach-caseload.csv", sample("outreach/outreach-caseload.csv"));
		String startsAt = LocalDateTime.ofInstant(NOW, ZoneOffset.UTC).plusHours(2).toString();
		Map<String, Object> meeting = Map.of("id", "boxed", "title", "Mailbox meeting", "type", "rough_sleeping_mam",
				"purpose", "rough_sleeping_response", "startsAt", startsAt, "cohort", "rough_sleeping", "agenda",
				List.of("outreach:OR-1001"), "attendees",
				List.of(Map.of("id", "boxed-police", "name", "Attendee police", "role", "police_officer", "organisationId",
						"police", "email", "pc@police.example"),
						Map.of("id", "boxed-health", "name", "Attendee health", "role", "health_practitioner",
								"organisationId", "health", "email", "nurse@nhs.example")));
		assertThat(rest.withBasicAuth("admin", "admin-test").postForEntity("/api/meetings", meeting, String.class)
			.getStatusCode()).isEqualTo(HttpStatus.CREATED);

		scheduler.tick();
		List<String> messages = mailbox();
		assertThat(messages).hasSize(2);
		assertThat(messages).anyMatch(m -> m.startsWith("To: pc@police.example\nSubject: Your meeting pack: Mailbox meeting\n\n"));
		assertThat(messages).anyMatch(m -> m.startsWith("To: nurse@nhs.example\n"));
		for (String message : messages) {
			assertThat(message).contains("/v/").doesNotContain("Agnieszka", "Nowak");
		}
		assertThat(jdbc.sql("select count(*) from delivery where meeting_id = 'boxed' and status = 'sent'")
			.query(Integer.class)
			.single()).isEqualTo(2);

		scheduler.tick();
		assertThat(mailbox()).isEqualTo(messages);
	}

}
