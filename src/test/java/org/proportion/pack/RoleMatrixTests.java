package org.proportion.pack;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.proportion.access.AccessLinks;
import org.proportion.ingest.IntakeService;
import org.proportion.support.GatewayTestSupport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The role matrix of the Rego tests, run through the real OPA server and the pack build: what
 * each attendee of the rough sleeping meeting receives of the case-1 woman's record.
 */
class RoleMatrixTests extends GatewayTestSupport {

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

	/** Role → field → action, as policies/proportion/sharing decides them for case 1. */
	static final Map<String, Map<String, String>> MATRIX = new LinkedHashMap<>();

	static {
		MATRIX.put("mam-outreach", Map.of("name", "share", "age", "share", "nationality", "share", "support_needs", "share",
				"health_conditions", "share", "sleep_site", "share", "notes", "share"));
		MATRIX.put("mam-housing", Map.of("name", "share", "age", "share", "nationality", "share", "support_needs", "share",
				"health_conditions", "withhold", "sleep_site", "generalise", "notes", "redact"));
		MATRIX.put("mam-coordinator", Map.of("name", "pseudonymise", "age", "generalise", "nationality", "withhold",
				"support_needs", "share", "health_conditions", "withhold", "sleep_site", "generalise", "notes", "redact"));
		MATRIX.put("mam-police", Map.of("name", "share", "age", "generalise", "nationality", "withhold", "support_needs",
				"withhold", "health_conditions", "withhold", "sleep_site", "generalise", "notes", "redact"));
		MATRIX.put("mam-health", Map.of("name", "share", "age", "share", "nationality", "withhold", "support_needs",
				"share", "health_conditions", "share", "sleep_site", "generalise", "notes", "redact"));
	}

	@Test
	void eachRoleReceivesWhatThePolicyMatrixSays() throws Exception {
		intake.fromFile("outreach/outreach-caseload.csv", sample("outreach/outreach-caseload.csv"));
		rest.withBasicAuth("admin", "admin-test").postForEntity("/api/meetings/rs-mam-2026-12/packs", null, String.class);
		for (Map.Entry<String, Map<String, String>> role : MATRIX.entrySet()) {
			JsonNode view = json.readTree(
					rest.getForObject("/v/{t}/json", String.class, links.issue("rs-mam-2026-12", role.getKey())));
			JsonNode woman = view.path("cases").get(0);
			Map<String, String> actual = new LinkedHashMap<>();
			StreamSupport.stream(woman.path("fields").spliterator(), false)
				.filter(f -> role.getValue().containsKey(f.path("field").asText()))
				.forEach(f -> actual.put(f.path("field").asText(), f.path("action").asText()));
			assertThat(actual).as(role.getKey()).isEqualTo(role.getValue());
		}
		JsonNode observer = json.readTree(
				rest.getForObject("/v/{t}/json", String.class, links.issue("rs-mam-2026-12", "mam-observer")));
		assertThat(observer.path("cases")).isEmpty();
	}

}
