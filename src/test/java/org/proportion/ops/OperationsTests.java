package org.proportion.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import org.apache.camel.CamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.VerbDefinition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.proportion.access.AccessLinks;
import org.proportion.audit.DecisionLog;
import org.proportion.ingest.IntakeService;
import org.proportion.model.Attendee;
import org.proportion.model.Meeting;
import org.proportion.partnership.PartnershipRepository;
import org.proportion.support.GatewayTestSupport;
import org.proportion.support.OpaServer;
import org.proportion.support.TestDatabases;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What operations staff watch: health that goes DOWN when OPA cannot serve the validated policies,
 * Prometheus metrics behind an account that name codes and rules but never a person, a case or a
 * meeting, and an OpenAPI document that describes every /api endpoint the gateway answers. This
 * class owns its OPA server (it stops it), as the policy-engine fault tests do.
 */
// Spring Boot's tests turn metrics export off unless asked; the gateway serves it.
@AutoConfigureObservability(tracing = false)
class OperationsTests extends GatewayTestSupport {

	static final OpaServer OPA = OpaServer.start();

	static final String MAM = "rs-mam-2026-12";

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		opa(registry, OPA);
		folders(registry, tempDir());
		TestDatabases.h2(registry);
	}

	@AfterAll
	static void stopOpa() {
		OPA.stop();
	}

	@Autowired
	TestRestTemplate rest;

	@Autowired
	IntakeService intake;

	@Autowired
	ObjectMapper json;

	@Autowired
	AccessLinks links;

	@Autowired
	PartnershipRepository partnership;

	@Autowired
	DecisionLog decisionLog;

	@Autowired
	CamelContext camel;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mvc;

	TestRestTemplate admin() {
		return rest.withBasicAuth("admin", "admin-test");
	}

	TestRestTemplate dpo() {
		return rest.withBasicAuth("dpo", "dpo-test");
	}

	// ---- health -------------------------------------------------------------------------------

	@Test
	void healthIsUpWhileOpaServesTheValidatedPoliciesAndDownOnceOpaStops() throws Exception {
		JsonNode anonymous = health(rest, "/actuator/health", HttpStatus.OK);
		assertThat(anonymous.path("status").asText()).isEqualTo("UP");
		JsonNode detailed = health(admin(), "/actuator/health", HttpStatus.OK);
		assertThat(detailed.at("/components/opa/status").asText()).isEqualTo("UP");
		assertThat(detailed.at("/components/opa/details/revision").asText()).isNotBlank();
		assertThat(detailed.at("/components/db/status").asText()).isEqualTo("UP");
		assertThat(health(admin(), "/actuator/health/readiness", HttpStatus.OK).at("/components/opa/status").asText())
			.isEqualTo("UP");
		double failedBefore = sum(scrape(), "proportion_packs_failed_total", Map.of("code", "policy_unreachable"));

		OPA.stop();
		try {
			assertThat(health(rest, "/actuator/health", HttpStatus.SERVICE_UNAVAILABLE).path("status").asText())
				.isEqualTo("DOWN");
			JsonNode down = health(admin(), "/actuator/health", HttpStatus.SERVICE_UNAVAILABLE);
			assertThat(down.at("/components/opa/status").asText()).isEqualTo("DOWN");
			assertThat(down.at("/components/opa/details/code").asText()).isEqualTo("policy_unreachable");
			assertThat(down.at("/components/db/status").asText()).isEqualTo("UP");
			// Readiness takes the gateway out of service; liveness does not restart it for OPA's sake.
			assertThat(health(rest, "/actuator/health/readiness", HttpStatus.SERVICE_UNAVAILABLE).path("status").asText())
				.isEqualTo("DOWN");
			assertThat(health(rest, "/actuator/health/liveness", HttpStatus.OK).path("status").asText()).isEqualTo("UP");

			// The build that health predicted would fail does fail, and is counted by its code.
			assertThat(admin().postForEntity("/api/meetings/{m}/packs", null, String.class, MAM).getStatusCode())
				.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
			assertThat(sum(scrape(), "proportion_packs_failed_total", Map.of("code", "policy_unreachable")))
				.isEqualTo(failedBefore + 1);
		}
		finally {
			OPA.restart();
		}
		assertThat(health(admin(), "/actuator/health", HttpStatus.OK).at("/components/opa/status").asText()).isEqualTo("UP");
	}

	@Test
	void healthIsDownWhileOpaAnswersButServesAnotherRevisionThanTheValidatedOne() throws Exception {
		// Someone with OPA's token rewrites the revision OPA says it serves. This OPA loaded the
		// policies from a file, so the bundle is named by its path: patched by JSON pointer.
		String bundle = null;
		var bundles = json.readTree(OPA.call("GET", "/v1/data/system/bundles", null, true).body()).path("result").fields();
		while (bundles.hasNext()) {
			var entry = bundles.next();
			if (entry.getValue().at("/manifest/roots").toString().contains("\"proportion\"")) {
				bundle = entry.getKey();
			}
		}
		assertThat(bundle).isNotNull();
		String pointer = "/" + bundle.replace("~", "~0").replace("/", "~1") + "/manifest/revision";
		assertThat(OPA.call("PATCH", "/v1/data/system/bundles",
				"[{\"op\":\"replace\",\"path\":" + json.writeValueAsString(pointer) + ",\"value\":\"tampered\"}]", true)
			.statusCode()).isEqualTo(204);
		try {
			JsonNode down = health(admin(), "/actuator/health", HttpStatus.SERVICE_UNAVAILABLE);
			assertThat(down.at("/components/opa/status").asText()).isEqualTo("DOWN");
			assertThat(down.at("/components/opa/details/code").asText()).isEqualTo("policy_revision_mismatch");
			assertThat(down.at("/components/opa/details/problem").asText()).contains("tampered");
			assertThat(health(rest, "/actuator/health/readiness", HttpStatus.SERVICE_UNAVAILABLE).path("status").asText())
				.isEqualTo("DOWN");
		}
		finally {
			// Health only observes: nothing here asked OPA to reload. A fresh OPA loads the bundle again.
			OPA.stop();
			OPA.restart();
		}
		assertThat(health(admin(), "/actuator/health", HttpStatus.OK).at("/components/opa/status").asText()).isEqualTo("UP");
	}

	@Test
	void healthShowsOnlyItsStatusToCallersWithoutAnOperationsAccount() throws Exception {
		for (TestRestTemplate caller : List.of(rest, rest.withBasicAuth("outreach", "agency-test"))) {
			JsonNode health = health(caller, "/actuator/health", HttpStatus.OK);
			assertThat(health.path("status").asText()).isEqualTo("UP");
			assertThat(health.has("components")).isFalse();
			assertThat(health.has("details")).isFalse();
		}
		assertThat(health(dpo(), "/actuator/health", HttpStatus.OK).has("components")).isTrue();
	}

	// ---- metrics ------------------------------------------------------------------------------

	@Test
	void prometheusNeedsAnAdminOrDpoAccountAndNoOtherActuatorEndpointIsServed() {
		assertThat(rest.getForEntity("/actuator/prometheus", String.class).getStatusCode())
			.isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(rest.withBasicAuth("outreach", "agency-test").getForEntity("/actuator/prometheus", String.class)
			.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(rest.withBasicAuth("admin", "wrong").getForEntity("/actuator/prometheus", String.class).getStatusCode())
			.isEqualTo(HttpStatus.UNAUTHORIZED);
		for (TestRestTemplate account : List.of(admin(), dpo())) {
			ResponseEntity<String> metrics = account.getForEntity("/actuator/prometheus", String.class);
			assertThat(metrics.getStatusCode()).isEqualTo(HttpStatus.OK);
			assertThat(metrics.getBody()).contains("# TYPE proportion_packs_built_total counter");
		}
		for (String hidden : List.of("/actuator", "/actuator/env", "/actuator/beans", "/actuator/heapdump")) {
			assertThat(admin().getForEntity(hidden, String.class).getStatusCode().is2xxSuccessful()).as(hidden).isFalse();
		}
	}

	@Test
	void aPackBuildAndAParkedDropAreCountedByCodeRuleAndTypeWithNoPersonalDataInAnyLabel() throws Exception {
		String before = scrape();
		intake.fromFile("outreach/outreach-caseload.csv", sample("outreach/outreach-caseload.csv"));
		intake.fromFile("day-centre/day-centre-clients.json", sample("day-centre/day-centre-clients.json"));
		intake.fromFile("housing-options/open-applications.csv", sample("housing-options/open-applications.csv"));
		ResponseEntity<String> built = admin().postForEntity("/api/meetings/{m}/packs", null, String.class, MAM);
		assertThat(built.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		String packId = json.readTree(built.getBody()).path("packId").asText();
		int logged = decisionLog.entriesOfPack(packId).size();
		String link = links.issue(MAM, "mam-police");
		assertThat(rest.getForEntity("/v/{t}", String.class, link).getStatusCode()).isEqualTo(HttpStatus.OK);
		String tampered = link.substring(0, link.length() - 1) + (link.endsWith("A") ? "B" : "A");
		assertThat(rest.getForEntity("/v/{t}/json", String.class, tampered).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);

		// A malformed drop that quotes a person's name, posted as the agency would.
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.parseMediaType("text/csv"));
		ResponseEntity<String> parked = rest.withBasicAuth("outreach", "agency-test")
			.postForEntity("/api/intake/outreach",
					new HttpEntity<>("client_id,full_name\nOR-1001,\"Agnieszka Nowak\nOR-2,x,extra\n", headers),
					String.class);
		assertThat(json.readTree(parked.getBody()).path("code").asText()).isEqualTo("malformed_csv");

		String after = scrape();
		assertThat(sum(after, "proportion_packs_built_total", Map.of()))
			.isEqualTo(sum(before, "proportion_packs_built_total", Map.of()) + 1);
		assertThat(sum(after, "proportion_pack_build_seconds_count", Map.of("outcome", "released")))
			.isEqualTo(sum(before, "proportion_pack_build_seconds_count", Map.of("outcome", "released")) + 1);
		// Every decision the pack logged is counted, by action and rule.
		assertThat(sum(after, "proportion_decisions_total", Map.of()))
			.isEqualTo(sum(before, "proportion_decisions_total", Map.of()) + logged);
		assertThat(sum(after, "proportion_decisions_total", Map.of("action", "share"))).isPositive();
		assertThat(sum(after, "proportion_decisions_total", Map.of("action", "withhold"))).isPositive();
		assertThat(labelValues(after, "proportion_decisions_total", "rule")).contains("sharing.needed", "sharing.pseudonymised", "trends.anonymised_counts")
			.allMatch(rule -> rule.matches("[a-z_]+(\\.[a-z0-9_]+)+"));
		assertThat(sum(after, "proportion_intake_parked_total", Map.of("reason", "malformed_csv")))
			.isEqualTo(sum(before, "proportion_intake_parked_total", Map.of("reason", "malformed_csv")) + 1);
		// The notes were scanned (the first build of this gateway) and their findings counted by type.
		assertThat(sum(after, "proportion_redaction_scan_seconds_count", Map.of())).isPositive();
		assertThat(sum(after, "proportion_redaction_entities_total", Map.of("type", "PERSON"))).isPositive();
		assertThat(labelValues(after, "proportion_redaction_entities_total", "type")).allMatch(t -> t.matches("[A-Z_]+"));
		// Each request to a view link is timed by its outcome, and only there: not as an
		// http.server.requests series, whatever its address.
		assertThat(sum(after, "proportion_views_openings_seconds_count", Map.of("outcome", "sent")))
			.isEqualTo(sum(before, "proportion_views_openings_seconds_count", Map.of("outcome", "sent")) + 1);
		assertThat(sum(after, "proportion_views_openings_seconds_count", Map.of("outcome", "refused")))
			.isEqualTo(sum(before, "proportion_views_openings_seconds_count", Map.of("outcome", "refused")) + 1);
		assertThat(labelValues(after, "proportion_views_openings_seconds_count", "outcome"))
			.containsExactlyInAnyOrder("sent", "refused", "unavailable");
		assertThat(labelValues(after, "http_server_requests_seconds_count", "uri")).isNotEmpty()
			.noneMatch(uri -> uri.startsWith("/v/"));
		// The API's requests are timed once each: the build's POST is the only one answered 201.
		assertThat(sum(after, "http_server_requests_seconds_count", Map.of("method", "POST", "status", "201")))
			.isEqualTo(sum(before, "http_server_requests_seconds_count", Map.of("method", "POST", "status", "201")) + 1);
		// Spring Security makes no observations of its own (the API's requests above went through it).
		assertThat(after).doesNotContain("spring_security_");

		// No person, case, meeting, attendee or link anywhere in the scrape: not in our labels,
		// nor in the ones Spring adds (request URIs are templates, not paths).
		Set<String> personal = personalValues();
		personal.add(link);
		personal.add(tampered);
		personal.add(packId);
		assertThat(personal).contains("Agnieszka Nowak", "Daniel Mercer", "outreach:OR-1001", MAM);
		for (String value : personal) {
			assertThat(after).as("scrape must not contain a sample value").doesNotContain(value);
		}
	}

	// ---- API description ----------------------------------------------------------------------

	@Test
	void apiDocsDescribeEveryApiEndpointTheGatewayServesWithItsSecuritySchemes() throws Exception {
		assertThat(rest.getForEntity("/v3/api-docs", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		ResponseEntity<String> answer = rest.withBasicAuth("outreach", "agency-test").getForEntity("/v3/api-docs", String.class);
		assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
		// The strict content policy covers the operations endpoints too.
		assertThat(answer.getHeaders().getFirst("Content-Security-Policy")).startsWith("default-src 'none'");
		JsonNode docs = json.readTree(answer.getBody());

		Set<String> described = new TreeSet<>();
		docs.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames()
			.forEachRemaining(method -> described.add(method.toUpperCase() + " " + normalise(path.getKey()))));
		Set<String> served = servedApiEndpoints();
		// The Camel REST DSL endpoints are among them, not only the MVC controllers.
		assertThat(served).contains("POST /api/intake/{}", "POST /api/meetings/{}/packs", "GET /api/decision-log/verification");
		assertThat(served).hasSizeGreaterThan(30);
		assertThat(described).containsAll(served);

		JsonNode basic = docs.at("/components/securitySchemes/basicAuth");
		assertThat(basic.path("type").asText()).isEqualTo("http");
		assertThat(basic.path("scheme").asText()).isEqualTo("basic");
		// No identity provider configured in this test: no bearer scheme is offered.
		assertThat(docs.at("/components/securitySchemes").has("bearerAuth")).isFalse();
		docs.path("paths").fields().forEachRemaining(path -> path.getValue().forEach(operation -> {
			List<String> schemes = new ArrayList<>();
			operation.path("security").forEach(requirement -> requirement.fieldNames().forEachRemaining(schemes::add));
			if (path.getKey().startsWith("/api/")) {
				assertThat(schemes).as(path.getKey()).containsExactly("basicAuth");
			}
			else {
				assertThat(schemes).as(path.getKey()).isEmpty();
			}
		}));
		JsonNode intakeParameters = docs.at("/paths/~1api~1intake~1{agency}/post/parameters");
		assertThat(intakeParameters.findValuesAsText("name")).containsExactly("agency");
	}

	/** Every method and path under /api that Spring MVC or Camel's REST DSL answers, variables as {}. */
	Set<String> servedApiEndpoints() {
		Set<String> served = new TreeSet<>();
		for (RequestMappingInfo info : mvc.getHandlerMethods().keySet()) {
			for (String pattern : info.getPatternValues()) {
				if (pattern.startsWith("/api/")) {
					info.getMethodsCondition().getMethods().forEach(m -> served.add(m.name() + " " + normalise(pattern)));
				}
			}
		}
		for (RestDefinition definition : camel.getCamelContextExtension().getContextPlugin(Model.class).getRestDefinitions()) {
			for (VerbDefinition verb : definition.getVerbs()) {
				served.add(verb.asVerb().toUpperCase() + " " + normalise(definition.getPath() + verb.getPath()));
			}
		}
		return served;
	}

	static String normalise(String path) {
		return path.replaceAll("\\{[^}]*}", "{}");
	}

	// ---- helpers ------------------------------------------------------------------------------

	JsonNode health(TestRestTemplate caller, String path, HttpStatus expected) throws IOException {
		ResponseEntity<String> answer = caller.getForEntity(path, String.class);
		assertThat(answer.getStatusCode()).as("%s answered %s", path, answer.getBody()).isEqualTo(expected);
		assertThat(answer.getBody()).doesNotContain("Agnieszka");
		return json.readTree(answer.getBody());
	}

	String scrape() {
		ResponseEntity<String> answer = admin().getForEntity("/actuator/prometheus", String.class);
		assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
		return answer.getBody();
	}

	private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+).*$",
			Pattern.MULTILINE);

	private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

	/** The sum of a metric's samples whose labels include all of {@code labels}; 0 when none. */
	static double sum(String scrape, String name, Map<String, String> labels) {
		double total = 0;
		Matcher sample = SAMPLE.matcher(scrape);
		while (sample.find()) {
			if (sample.group(1).equals(name) && labels(sample.group(2)).entrySet().containsAll(labels.entrySet())) {
				total += Double.parseDouble(sample.group(3));
			}
		}
		return total;
	}

	static Set<String> labelValues(String scrape, String name, String label) {
		Set<String> values = new TreeSet<>();
		Matcher sample = SAMPLE.matcher(scrape);
		while (sample.find()) {
			if (sample.group(1).equals(name) && labels(sample.group(2)).containsKey(label)) {
				values.add(labels(sample.group(2)).get(label));
			}
		}
		return values;
	}

	private static Map<String, String> labels(String text) {
		Map<String, String> labels = new java.util.HashMap<>();
		if (text != null) {
			Matcher label = LABEL.matcher(text);
			while (label.find()) {
				labels.put(label.group(1), label.group(2));
			}
		}
		return labels;
	}

	/**
	 * The sample data's personal and case values: people's names, aliases and references as each
	 * agency sends them, the stored case references, and the meetings' ids, attendees and agendas.
	 */
	Set<String> personalValues() throws IOException {
		Set<String> values = new TreeSet<>();
		CsvMapper csv = new CsvMapper();
		for (String[] file : new String[][] { { "outreach", "outreach/outreach-caseload.csv", "client_id", "full_name,known_as" },
				{ "housing-options", "housing-options/open-applications.csv", "application_no", "applicant_name" } }) {
			try (var rows = csv.readerFor(Map.class).with(CsvSchema.emptySchema().withHeader()).<Map<String, String>>readValues(sample(file[1]))) {
				while (rows.hasNext()) {
					Map<String, String> row = rows.next();
					values.add(row.get(file[2]));
					values.add(file[0] + ":" + row.get(file[2]));
					for (String column : file[3].split(",")) {
						values.add(row.get(column));
					}
				}
			}
		}
		for (JsonNode record : json.readTree(sample("day-centre/day-centre-clients.json")).path("records")) {
			values.add(record.path("clientRef").asText());
			values.add("day-centre:" + record.path("clientRef").asText());
			values.add(record.path("name").asText());
			record.path("aka").forEach(alias -> values.add(alias.asText()));
		}
		for (Meeting meeting : partnership.meetings()) {
			values.add(meeting.id());
			values.addAll(meeting.agenda());
			for (Attendee attendee : meeting.attendees()) {
				values.add(attendee.id());
				values.add(attendee.name());
			}
		}
		// Values of three letters or fewer (an alias like "Jo") would match unrelated text by chance.
		values.removeIf(value -> value == null || value.length() < 4);
		return values;
	}

}
