package org.proportion.requests;

import java.util.List;
import java.util.Map;

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
 * A police request for a stated crime purpose (DPA 2018 Sch 2 para 2), outside any meeting: the
 * DPO approves or refuses it, and an approved one reaches only the requester, with only the
 * fields it named, through the same links and decision log as a meeting pack.
 */
class RequestsOutsideMeetingsTests extends GatewayTestSupport {

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
	DecisionLog decisionLog;

	Map<String, Object> policeRequest(List<String> fields) {
		return Map.of("kind", "crime", "caseRef", "outreach:OR-1001",
				"requester", Map.of("name", "DC Ravi Patel", "role", "police_officer", "organisationId", "police",
						"email", "ravi.patel@police.example"),
				"statedPurpose", "Investigating the theft of her phone (crime ref 14/2026/0001)", "fields", fields);
	}

	@Test
	void anApprovedPoliceRequestReleasesOnlyTheNamedFieldsToTheRequester() throws Exception {
		intake.fromFile("outreach/outreach-caseload.csv", sample("outreach/outreach-caseload.csv"));
		TestRestTemplate admin = rest.withBasicAuth("admin", "admin-test");
		TestRestTemplate dpo = rest.withBasicAuth("dpo", "dpo-test");

		ResponseEntity<String> unknownField = admin.postForEntity("/api/requests", policeRequest(List.of("name", "shoe_size")),
				String.class);
		assertThat(unknownField.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);

		ResponseEntity<String> received = admin.postForEntity("/api/requests",
				policeRequest(List.of("name", "date_of_birth", "phone")), String.class);
		assertThat(received.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		String id = json.readTree(received.getBody()).path("id").asText();
		assertThat(json.readTree(dpo.getForObject("/api/dpo/requests", String.class)).findValuesAsText("id")).containsExactly(id);
		// Only the designated person decides.
		assertThat(admin.postForEntity("/api/dpo/requests/{id}/approve", Map.of("note", "ok"), String.class, id)
			.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

		ResponseEntity<String> approved = dpo.postForEntity("/api/dpo/requests/{id}/approve",
				Map.of("note", "Necessary and proportionate for the stated investigation"), String.class, id);
		assertThat(approved.getStatusCode()).as(approved.getBody()).isEqualTo(HttpStatus.CREATED);
		JsonNode body = json.readTree(approved.getBody());
		String meeting = body.path("request").path("meetingId").asText();
		assertThat(body.path("pack").path("recipients")).hasSize(1);

		JsonNode view = new Packs(rest, links, json).view(meeting, meeting + "-requester");
		JsonNode woman = Packs.caseHeaded(view, "Agnieszka Nowak");
		assertThat(Packs.field(woman, "date_of_birth").path("value").asText()).isEqualTo("1992-03-14");
		assertThat(Packs.field(woman, "phone").path("value").asText()).isEqualTo("07700 900123");
		for (String notRequested : List.of("sleep_site", "health_conditions", "notes", "nationality", "aliases")) {
			assertThat(Packs.field(woman, notRequested).path("value").isNull()).as(notRequested).isTrue();
			assertThat(Packs.field(woman, notRequested).path("reason").asText()).as(notRequested).contains("approved request");
		}
		assertThat(view.toString()).doesNotContain("old cinema", "depression", "Zielinski");
		String pack = body.path("pack").path("packId").asText();
		assertThat(decisionLog.entriesOfPack(pack)).anySatisfy(e -> {
			assertThat(e.item()).isEqualTo("phone");
			assertThat(e.decision().released()).isTrue();
		});
		assertThat(json.readTree(dpo.getForObject("/api/dpo/requests", String.class))).isEmpty();
	}

	@Test
	void aRefusedRequestReleasesNothing() throws Exception {
		TestRestTemplate admin = rest.withBasicAuth("admin", "admin-test");
		TestRestTemplate dpo = rest.withBasicAuth("dpo", "dpo-test");
		String id = json.readTree(admin.postForEntity("/api/requests", policeRequest(List.of("name")), String.class).getBody())
			.path("id")
			.asText();
		assertThat(dpo.postForEntity("/api/dpo/requests/{id}/refuse", Map.of("note", "No specific investigation named"),
				String.class, id).getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(dpo.postForEntity("/api/dpo/requests/{id}/approve", Map.of("note", "changed my mind"), String.class, id)
			.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(json.readTree(dpo.getForObject("/api/dpo/requests", String.class))).isEmpty();
	}

}
