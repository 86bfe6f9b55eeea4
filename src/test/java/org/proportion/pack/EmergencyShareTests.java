package org.proportion.pack;

import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.proportion.access.AccessLinks;
import org.proportion.audit.DecisionLog;
import org.proportion.ingest.IntakeService;
import org.proportion.support.GatewayTestSupport;
import org.proportion.support.Packs;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An emergency share for the case-1 woman: released at once on vital interests, logged as an
 * emergency, and waiting in the DPO's review queue until justified.
 */
class EmergencyShareTests extends GatewayTestSupport {

	static final String MAM = "rs-mam-2026-12";

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
	ObjectMapper json;

	Packs packs() {
		return new Packs(rest, links, json);
	}

	JsonNode womanField(String attendee, String field) throws Exception {
		return Packs.field(Packs.caseHeaded(packs().view(MAM, attendee), "Agnieszka Nowak"), field);
	}

	JsonNode policeHealth() throws Exception {
		return womanField("mam-police", "health_conditions");
	}

	@Test
	void anEmergencyReleasesHealthToPoliceAtOnceAndWaitsForTheDpo() throws Exception {
		intake.fromFile("outreach/outreach-caseload.csv", sample("outreach/outreach-caseload.csv"));
		TestRestTemplate admin = rest.withBasicAuth("admin", "admin-test");
		admin.postForEntity("/api/meetings/{m}/packs", null, String.class, MAM);
		assertThat(policeHealth().path("action").asText()).isEqualTo("withhold");

		ResponseEntity<String> refused = admin.postForEntity("/api/meetings/{m}/cases/{c}/emergency",
				Map.of("requestedBy", "Sam Okafor", "reason", " "), String.class, MAM, "outreach:OR-1001");
		assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);

		ResponseEntity<String> released = admin.postForEntity("/api/meetings/{m}/cases/{c}/emergency",
				Map.of("requestedBy", "Sam Okafor", "reason", "Found unresponsive; paramedics need her history",
						"responders", List.of("mam-police")),
				String.class, MAM, "outreach:OR-1001");
		assertThat(released.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		String id = json.readTree(released.getBody()).path("emergency").path("id").asText();

		JsonNode health = policeHealth();
		assertThat(health.path("action").asText()).isEqualTo("share");
		assertThat(health.path("value").asText()).contains("depression");
		assertThat(health.path("basis").asText()).contains("vital interests");
		assertThat(health.path("condition").asText()).contains("Art 9(2)(c)");
		assertThat(health.path("reason").asText()).contains(id, "retrospective justification");

		String pack = json.readTree(released.getBody()).path("pack").path("packId").asText();
		assertThat(decisionLog.entriesOfPack(pack)).anySatisfy(e -> {
			assertThat(e.decision().rule()).isEqualTo("sharing.emergency_vital_interests");
			assertThat(e.caseRef()).isEqualTo("outreach:OR-1001");
			assertThat(e.toString()).doesNotContain("Sam Okafor");
		});

		TestRestTemplate dpo = rest.withBasicAuth("dpo", "dpo-test");
		JsonNode queue = json.readTree(dpo.getForObject("/api/dpo/review-queue", String.class));
		assertThat(queue.findValuesAsText("id")).containsExactly(id);
		assertThat(queue.get(0).path("requestedBy").asText()).isEqualTo("Sam Okafor (recorded by admin)");
		assertThat(dpo.postForEntity("/api/dpo/review-queue/{id}", Map.of("justification", "Risk to life; paramedics on scene"),
				String.class, id).getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(json.readTree(dpo.getForObject("/api/dpo/review-queue", String.class))).isEmpty();
		// Reviewed, the emergency is no longer in force: the police view no longer holds her health.
		assertThat(policeHealth().path("action").asText()).isEqualTo("withhold");
		assertThat(policeHealth().path("value").isNull()).isTrue();
		assertThat(admin.getForEntity("/api/dpo/review-queue", String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
	}


	@Test
	void anEmergencyReleasesOnlyToTheAttendeesItNamesAsResponding() throws Exception {
		intake.fromFile("outreach/outreach-caseload.csv", sample("outreach/outreach-caseload.csv"));
		TestRestTemplate admin = rest.withBasicAuth("admin", "admin-test");
		ResponseEntity<String> noResponders = admin.postForEntity("/api/meetings/{m}/cases/{c}/emergency",
				Map.of("requestedBy", "Sam Okafor", "reason", "Found unresponsive"), String.class, MAM, "outreach:OR-1001");
		assertThat(noResponders.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		ResponseEntity<String> stranger = admin.postForEntity("/api/meetings/{m}/cases/{c}/emergency",
				Map.of("requestedBy", "Sam Okafor", "reason", "Found unresponsive", "responders", List.of("someone-else")),
				String.class, MAM, "outreach:OR-1001");
		assertThat(stranger.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(json.readTree(stranger.getBody()).path("code").asText()).isEqualTo("unknown_responder");
		ResponseEntity<String> offAgenda = admin.postForEntity("/api/meetings/{m}/cases/{c}/emergency",
				Map.of("requestedBy", "Sam Okafor", "reason", "Found unresponsive", "responders", List.of("mam-police")),
				String.class, MAM, "outreach:OR-9999");
		assertThat(offAgenda.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(json.readTree(offAgenda.getBody()).path("code").asText()).isEqualTo("not_on_agenda");

		ResponseEntity<String> released = admin.postForEntity("/api/meetings/{m}/cases/{c}/emergency",
				Map.of("requestedBy", "Sam Okafor", "reason", "Found unresponsive", "responders", List.of("mam-health")),
				String.class, MAM, "outreach:OR-1001");
		assertThat(released.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		// Health responds and gets her exact sleep site; the police, not named, get only the area.
		assertThat(womanField("mam-health", "sleep_site").path("value").asText()).contains("old cinema");
		assertThat(womanField("mam-police", "sleep_site").path("value").asText()).isEqualTo("Northgate area");
		assertThat(womanField("mam-police", "health_conditions").path("action").asText()).isEqualTo("withhold");
	}

}
