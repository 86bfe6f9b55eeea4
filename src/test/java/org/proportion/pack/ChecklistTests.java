package org.proportion.pack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.proportion.ingest.IntakeService;
import org.proportion.support.GatewayTestSupport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The organiser's pre-meeting checklist: controller, purpose, bases, conditions, consent,
 * agreements; and when the agreement lapses, the gaps it leaves, with those shares withheld.
 */
class ChecklistTests extends GatewayTestSupport {

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		embeddedDefaults(registry);
	}

	@Autowired
	TestRestTemplate rest;

	@Autowired
	IntakeService intake;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ObjectMapper json;

	JsonNode checklist(String meeting) throws Exception {
		TestRestTemplate admin = rest.withBasicAuth("admin", "admin-test");
		admin.postForEntity("/api/meetings/{m}/packs", null, String.class, meeting);
		return json.readTree(admin.getForObject("/api/meetings/{m}/checklist", String.class, meeting));
	}

	@Test
	void theChecklistAnswersTheWebinarsQuestionsAndShowsGapsThatBlockedShares() throws Exception {
		intake.fromFile("day-centre/day-centre-clients.json", sample("day-centre/day-centre-clients.json"));
		intake.fromFile("housing-options/open-applications.csv", sample("housing-options/open-applications.csv"));

		JsonNode panel = checklist("panel-2026-12");
		assertThat(panel.path("purpose").asText()).isEqualTo("placement_panel");
		assertThat(panel.path("gaps").asInt()).isZero();
		JsonNode client = panel.path("cases").get(0);
		assertThat(client.path("caseRef").asText()).isEqualTo("day-centre:DC-2001");
		assertThat(client.path("controller").asText()).isEqualTo("Harbour Day Centre");
		assertThat(client.path("consent").asText()).contains("in scope", "hostel");
		JsonNode hostel = client.path("attendees").get(2);
		assertThat(hostel.path("role").asText()).isEqualTo("hostel_manager");
		assertThat(hostel.path("bases").toString()).contains("Art 6(1)(a) consent");
		assertThat(hostel.path("conditions").toString()).contains("Sch 1 para 18");
		assertThat(hostel.path("agreement").asText()).contains("in force until 2027-06-30");
		assertThat(panel.path("safeguards")).isNotEmpty();

		// The agreement lapses: the shares it carried are blocked, and the checklist says why.
		jdbc.sql("update data_sharing_agreement set review_date = '2026-06-30'").update();
		JsonNode lapsed = checklist("panel-2026-12");
		assertThat(lapsed.path("gaps").asInt()).isPositive();
		JsonNode hostelNow = lapsed.path("cases").get(0).path("attendees").get(2);
		assertThat(hostelNow.path("agreement").asText()).contains("lapsed on 2026-06-30");
		assertThat(hostelNow.path("gaps").toString()).contains("No data sharing agreement in force");
		assertThat(rest.withBasicAuth("dpo", "dpo-test").getForEntity("/api/meetings/panel-2026-12/checklist", String.class)
			.getStatusCode()
			.value()).isEqualTo(403);
	}

}
