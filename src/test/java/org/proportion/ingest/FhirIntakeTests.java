package org.proportion.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.proportion.cases.CaseRepository;
import org.proportion.support.GatewayTestSupport;
import org.proportion.support.OpaServer;
import org.proportion.support.TestDatabases;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A health partner's FHIR R4 Bundle (Patient, Condition, Flag) through the same intake as every
 * other drop, by REST (application/fhir+json) and by file (*.fhir.json): stored with the values
 * routes/agencies/health.fhir.yaml maps, or parked whole with a reason that quotes no value.
 */
class FhirIntakeTests extends GatewayTestSupport {

	static final Path WORK = tempDir();

	static final MediaType FHIR = MediaType.parseMediaType("application/fhir+json");

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		sharedOpa(registry);
		folders(registry, WORK);
		TestDatabases.h2(registry);
		registry.add("proportion.security.agency-password.health", () -> "agency-test");
	}

	@Autowired
	CamelContext camel;

	@Autowired
	CaseRepository cases;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TestRestTemplate rest;

	@Autowired
	ObjectMapper json;

	static String sampleBundle() throws IOException {
		return Files.readString(
				OpaServer.projectDir().resolve("src/main/resources/samples/fhir/health-bundle.fhir.json"));
	}

	ResponseEntity<String> post(String body, MediaType type) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(type);
		return rest.withBasicAuth("health", "agency-test")
			.postForEntity("/api/intake/health", new HttpEntity<>(body, headers), String.class);
	}

	int batches() {
		return jdbc.sql("select count(*) from intake_batch").query(Integer.class).single();
	}

	List<JsonNode> reasons() throws IOException {
		Path folder = WORK.resolve("dead-letter");
		if (!Files.isDirectory(folder)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(folder)) {
			return files.filter(f -> f.getFileName().toString().endsWith(".reason.json")).sorted().map(f -> {
				try {
					return json.readTree(f.toFile());
				}
				catch (IOException ex) {
					throw new java.io.UncheckedIOException(ex);
				}
			}).toList();
		}
	}

	@Test
	void aBundlePostedAsFhirJsonIsStoredWithTheMappedValues() throws IOException {
		ResponseEntity<String> answer = post(sampleBundle(), FHIR);
		assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(200);
		assertThat(json.readTree(answer.getBody()).path("records").asInt()).isEqualTo(2);
		assertThat(cases.find("health:HT-5001")).hasValueSatisfying(r -> {
			assertThat(r.agency()).isEqualTo("health");
			assertThat(r.fields()).containsEntry("name", "Alex Example")
				.containsEntry("date_of_birth", "1988-06-14")
				.containsEntry("gender", "female")
				.containsEntry("postcode", "NG1 9ZZ")
				.containsEntry("health_conditions", List.of("asthma", "depression"))
				.containsEntry("risk_flags", List.of("self_neglect"));
		});
		assertThat(cases.find("health:HT-5002")).hasValueSatisfying(
				r -> assertThat(r.fields()).containsEntry("name", "Jordan Sample").doesNotContainKey("risk_flags"));
		// The same bundle again is the same drop: stored once.
		ResponseEntity<String> again = post(sampleBundle(), FHIR);
		assertThat(json.readTree(again.getBody()).path("status").asText()).isEqualTo("duplicate");
	}

	@Test
	void aBundleDroppedAsAFhirJsonFileIsStored() throws IOException {
		String bundle = sampleBundle().replace("HT-5001", "HT-6001").replace("HT-5002", "HT-6002");
		NotifyBuilder done = new NotifyBuilder(camel).fromRoute("agency-file-drop").whenDone(1).create();
		Path folder = Files.createDirectories(WORK.resolve("inbox").resolve("health"));
		Path partial = folder.resolve(".nightly.part");
		Files.writeString(partial, bundle, StandardCharsets.UTF_8);
		Files.move(partial, folder.resolve("nightly.fhir.json"));
		assertThat(done.matches(30, TimeUnit.SECONDS)).isTrue();
		assertThat(cases.find("health:HT-6001")).hasValueSatisfying(
				r -> assertThat(r.fields()).containsEntry("health_conditions", List.of("asthma", "depression")));
		assertThat(cases.find("health:HT-6002")).isPresent();
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void badBundlesAreParkedWholeWithAValueFreeReason(CapturedOutput output) throws IOException {
		String good = sampleBundle().replace("HT-5001", "HT-7001").replace("HT-5002", "HT-7002");
		String patientOnly = """
				{"resourceType": "Patient", "identifier": [{"system": "https://health.northgate.example/fhir/sid/patient-id",
				 "value": "HT-7003"}], "name": [{"family": "Quietperson"}]}""";
		String observation = good.replace("\"resourceType\": \"Flag\",\n        \"status\": \"active\"",
				"\"resourceType\": \"Observation\",\n        \"status\": \"final\"");
		assertThat(observation).isNotEqualTo(good);
		// The second Patient has an identifier, but not of the system the mapping takes.
		String noIdentifier = good.replace(
				"{ \"system\": \"https://health.northgate.example/fhir/sid/patient-id\", \"value\": \"HT-7002\" }",
				"{ \"system\": \"https://elsewhere.example/id\", \"value\": \"HT-7002\" }");
		assertThat(noIdentifier).isNotEqualTo(good);
		String unresolved = good.replace(
				"\"subject\": { \"reference\": \"urn:uuid:6f1c1b9e-0d6a-4c1e-9a51-000000000001\" },\n        \"code\": { \"coding\": [ { \"system\": \"https://health.northgate.example/fhir/cs/needs\", \"code\": \"asthma\" } ] }",
				"\"subject\": { \"reference\": \"Patient/elsewhere-HT-7009\" },\n        \"code\": { \"coding\": [ { \"system\": \"https://health.northgate.example/fhir/cs/needs\", \"code\": \"asthma\" } ] }");
		assertThat(unresolved).isNotEqualTo(good);
		String unknownFlag = good.replace("\"code\": \"self_neglect\"", "\"code\": \"Quietperson-watch\"");
		String badDate = good.replace("1988-06-14", "14/06/1988");
		String notJson = "{\"resourceType\": \"Bundle\", \"entry\": [ {\"resource\": ";
		record Case(String body, MediaType type, String code) {
		}
		List<Case> bad = List.of(new Case(patientOnly, FHIR, "not_a_bundle"),
				new Case(observation, FHIR, "unsupported_resource"), new Case(noIdentifier, FHIR, "missing_reference"),
				new Case(unresolved, FHIR, "unresolved_reference"), new Case(unknownFlag, FHIR, "unknown_risk_flag"),
				new Case(badDate, FHIR, "malformed_fhir"), new Case(notJson, FHIR, "malformed_fhir"),
				new Case("Patient.identifier,Patient.name\nHT-7004,Quietperson\n", MediaType.parseMediaType("text/csv"),
						"unsupported_format"));
		int stored = cases.count();
		int batches = batches();
		int parked = reasons().size();
		for (Case c : bad) {
			ResponseEntity<String> answer = post(c.body(), c.type());
			assertThat(answer.getStatusCode().value()).as(c.code() + ": " + answer.getBody()).isEqualTo(422);
			JsonNode problem = json.readTree(answer.getBody());
			assertThat(problem.path("code").asText()).as(answer.getBody()).isEqualTo(c.code());
		}
		List<JsonNode> reasons = reasons();
		assertThat(reasons).hasSize(parked + bad.size());
		for (JsonNode reason : reasons.subList(parked, reasons.size())) {
			assertThat(reason.path("source").asText()).isEqualTo("rest-health");
			assertThat(reason.toString()).doesNotContain("HT-700", "Quietperson", "Alex", "Example", "1988", "NG1");
			assertThat(WORK.resolve("dead-letter").resolve(reason.path("original").asText())).exists();
		}
		assertThat(reasons.subList(parked, reasons.size())).extracting(r -> r.path("code").asText())
			.containsExactlyInAnyOrderElementsOf(bad.stream().map(Case::code).toList());
		// Nothing half stored: no record, no batch from any of them.
		assertThat(cases.count()).isEqualTo(stored);
		assertThat(batches()).isEqualTo(batches);
		assertThat(cases.find("health:HT-7001")).isEmpty();
		// Nor in the log: HAPI's own messages (which quote values) are never written out.
		assertThat(output.getAll()).contains("parked").doesNotContain("HT-700", "Quietperson", "14/06/1988");
	}

}
