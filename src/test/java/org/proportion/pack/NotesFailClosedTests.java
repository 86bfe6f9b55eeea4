package org.proportion.pack;

import java.nio.file.Files;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.proportion.access.AccessLinks;
import org.proportion.audit.DecisionLog;
import org.proportion.ingest.IntakeService;
import org.proportion.support.GatewayTestSupport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** With the redaction engine's model missing, the notes are withheld, and only the notes. */
class NotesFailClosedTests extends GatewayTestSupport {

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) throws Exception {
		embeddedDefaults(registry);
		String empty = Files.createTempDirectory("no-models").toString();
		registry.add("proportion.redaction.models", () -> empty);
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
	ObjectMapper json;

	@Test
	void notesAreWithheldWhenTheyCannotBeScanned() throws Exception {
		intake.fromFile("outreach/outreach-caseload.csv", sample("outreach/outreach-caseload.csv"));
		assertThat(rest.withBasicAuth("admin", "admin-test")
			.postForEntity("/api/meetings/rs-mam-2026-12/packs", null, String.class)
			.getStatusCode()).isIn(HttpStatus.CREATED, HttpStatus.OK);
		JsonNode police = json.readTree(
				rest.getForObject("/v/{t}/json", String.class, links.issue("rs-mam-2026-12", "mam-police")));
		JsonNode woman = StreamSupport.stream(police.path("cases").spliterator(), false)
			.filter(c -> c.path("heading").asText().equals("Agnieszka Nowak"))
			.findFirst()
			.orElseThrow();
		JsonNode notes = StreamSupport.stream(woman.path("fields").spliterator(), false)
			.filter(f -> f.path("field").asText().equals("notes"))
			.findFirst()
			.orElseThrow();
		assertThat(notes.path("action").asText()).isEqualTo("withhold");
		assertThat(notes.path("value").isNull()).isTrue();
		assertThat(notes.path("reason").asText()).contains("could not be scanned");
		assertThat(police.toString()).doesNotContain("Zielinski", "sertraline", "900456");
		assertThat(decisionLog.entriesOfPack(police.path("pack").path("id").asText()))
			.anySatisfy(e -> {
				assertThat(e.item()).isEqualTo("notes");
				assertThat(e.decision().rule()).isEqualTo("gateway.redaction_unavailable");
			});
	}

}
