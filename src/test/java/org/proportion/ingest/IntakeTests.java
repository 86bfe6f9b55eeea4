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
import org.proportion.cases.CaseRepository;
import org.proportion.support.GatewayTestSupport;
import org.proportion.support.TestDatabases;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Agency drops through the real file route and the REST route: good drops are stored whole and
 * once; bad ones are parked with their original bytes and a reason, and change nothing.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
class IntakeTests extends GatewayTestSupport {

	static final Path WORK = tempDir();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		sharedOpa(registry);
		folders(registry, WORK);
		TestDatabases.h2(registry);
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

	static final String GOOD_CSV = """
			client_id,full_name,dob,sex,nationality,status,needs
			OR-9001,Test Person One,01/02/1990,Female,British,rough_sleeping,mental_health;benefits
			OR-9002,Test Person Two,03/04/1985,Male,Irish,rough_sleeping,
			""";

	/** Drops a file in an agency folder as an agency would, and waits for the route to finish it. */
	void drop(String agencyFolder, String name, String content) throws IOException {
		NotifyBuilder done = new NotifyBuilder(camel).fromRoute("agency-file-drop").whenDone(1).create();
		Path folder = Files.createDirectories(WORK.resolve("inbox").resolve(agencyFolder));
		Path partial = folder.resolve("." + name + ".part");
		Files.writeString(partial, content, StandardCharsets.UTF_8);
		Files.move(partial, folder.resolve(name));
		assertThat(done.matches(30, TimeUnit.SECONDS)).as("route finished the drop").isTrue();
	}

	/** The reason file written for the one parked drop whose name ends with the given suffix. */
	JsonNode parked(String suffix) throws IOException {
		try (Stream<Path> files = Files.list(WORK.resolve("dead-letter"))) {
			List<Path> reasons = files.filter(f -> f.getFileName().toString().endsWith(suffix + ".reason.json")).toList();
			assertThat(reasons).hasSize(1);
			JsonNode reason = json.readTree(reasons.get(0).toFile());
			Path original = reasons.get(0).resolveSibling(reason.path("original").asText());
			assertThat(original).exists();
			return reason;
		}
	}

	byte[] parkedBytes(JsonNode reason) throws IOException {
		return Files.readAllBytes(WORK.resolve("dead-letter").resolve(reason.path("original").asText()));
	}

	int batches() {
		return jdbc.sql("select count(*) from intake_batch").query(Integer.class).single();
	}

	@Test
	void aGoodCsvDropIsStoredAndMapped() throws IOException {
		drop("outreach", "good.csv", GOOD_CSV);
		assertThat(cases.find("outreach:OR-9001")).hasValueSatisfying(r -> {
			assertThat(r.fields()).containsEntry("name", "Test Person One")
				.containsEntry("date_of_birth", "1990-02-01")
				.containsEntry("support_needs", List.of("mental_health", "benefits"));
		});
		assertThat(cases.find("outreach:OR-9002")).isPresent();
	}

	@Test
	void theSameDropTwiceIsStoredOnce() throws IOException {
		drop("outreach", "first.csv", GOOD_CSV);
		int count = cases.count();
		drop("outreach", "again.csv", GOOD_CSV);
		assertThat(cases.count()).isEqualTo(count);
		assertThat(batches()).isEqualTo(1);
	}

	@Test
	void malformedCsvIsParkedWithItsBytesAndNothingIsStored() throws IOException {
		String bad = "client_id,full_name\nOR-1,\"unterminated\nOR-2,x,extra\n";
		drop("outreach", "bad.csv", bad);
		JsonNode reason = parked("bad.csv");
		assertThat(reason.path("code").asText()).isEqualTo("malformed_csv");
		assertThat(new String(parkedBytes(reason), StandardCharsets.UTF_8)).isEqualTo(bad);
		assertThat(cases.count()).isZero();
		assertThat(batches()).isZero();
	}

	@Test
	void malformedJsonIsParked() throws IOException {
		drop("day-centre", "bad.json", "{\"records\": [ {\"clientRef\": \"DC-1\", ");
		assertThat(parked("bad.json").path("code").asText()).isEqualTo("malformed_json");
		assertThat(cases.count()).isZero();
	}

	@Test
	void aDropFromAnUnknownAgencyIsParked() throws IOException {
		drop("nobody-we-know", "drop.csv", GOOD_CSV);
		assertThat(parked("drop.csv").path("code").asText()).isEqualTo("unknown_agency");
		assertThat(cases.count()).isZero();
	}

	@Test
	void anUnmappedColumnIsParkedAndTheReasonNamesTheColumnNotTheValues() throws IOException {
		drop("outreach", "new-format.csv", "client_id,full_name,shoe_size\nOR-1,Secret Name,9\n");
		JsonNode reason = parked("new-format.csv");
		assertThat(reason.path("code").asText()).isEqualTo("unmapped_column");
		// By position: a name the mapping does not know may be a value that slipped into the header.
		assertThat(reason.path("detail").asText()).contains("Column 3").doesNotContain("Secret Name");
		assertThat(cases.count()).isZero();
	}

	@Test
	void oneBadRecordParksTheWholeDropSoNothingIsHalfStored() throws IOException {
		drop("outreach", "half.csv", GOOD_CSV + "OR-9003,Test Person Three,31/31/1990,Male,British,rough_sleeping,\n");
		JsonNode reason = parked("half.csv");
		assertThat(reason.path("code").asText()).isEqualTo("invalid_date");
		assertThat(reason.path("detail").asText()).contains("Record 3", "dob").doesNotContain("31/31/1990");
		assertThat(cases.count()).isZero();
		assertThat(batches()).isZero();
	}

	@Test
	void restIntakeStoresJsonAndRejectsBadJsonWithAReason() throws IOException {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		String good = "[{\"clientRef\": \"DC-9001\", \"name\": \"Rest Person\", \"supportNeeds\": [\"benefits\"]}]";
		TestRestTemplate agency = rest.withBasicAuth("day-centre", "agency-test");
		ResponseEntity<String> ok = agency.postForEntity("/api/intake/day-centre", new HttpEntity<>(good, headers), String.class);
		assertThat(ok.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(json.readTree(ok.getBody()).path("status").asText()).isEqualTo("stored");
		assertThat(cases.find("day-centre:DC-9001")).isPresent();

		ResponseEntity<String> bad = agency.postForEntity("/api/intake/day-centre", new HttpEntity<>("[{oops", headers),
				String.class);
		assertThat(bad.getStatusCode().value()).isEqualTo(422);
		assertThat(json.readTree(bad.getBody()).path("code").asText()).isEqualTo("malformed_json");
		assertThat(parked("rest-day-centre").path("code").asText()).isEqualTo("malformed_json");
		assertThat(cases.count()).isEqualTo(1);
	}

}
