package org.proportion.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.proportion.cases.CaseRepository;
import org.proportion.support.GatewayTestSupport;
import org.proportion.support.TestDatabases;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile and awkward drops through the real file and REST routes, in one shared gateway (each
 * test uses its own file names and agency references): every one is stored whole or parked with a
 * reason that names records and columns, never values.
 */
class IntakeEdgeCasesTests extends GatewayTestSupport {

	static final Path WORK = tempDir();

	static final int LIMIT = 4096;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		sharedOpa(registry);
		folders(registry, WORK);
		TestDatabases.h2(registry);
		registry.add("proportion.intake.max-bytes", () -> String.valueOf(LIMIT));
	}

	@Autowired
	CamelContext camel;

	@Autowired
	CaseRepository cases;

	@Autowired
	TestRestTemplate rest;

	@Autowired
	ObjectMapper json;

	static final String HEADER = "client_id,full_name,dob,sex,nationality,status,needs\n";

	static String row(String ref, String name) {
		return ref + "," + name + ",01/02/1990,Female,British,rough_sleeping,benefits\n";
	}

	Path inbox(String agency) throws IOException {
		return Files.createDirectories(WORK.resolve("inbox").resolve(agency));
	}

	/**
	 * Puts files in an agency folder at once, as an agency's export job would, and waits until
	 * the route has finished each (moved it to the archive, its last step).
	 */
	void drop(String agency, List<String> names, List<byte[]> contents, List<Instant> exportedAt) throws IOException {
		Path folder = inbox(agency);
		List<Path> partials = new java.util.ArrayList<>();
		for (int i = 0; i < names.size(); i++) {
			assertThat(archived(names.get(i))).as("file names are unique across tests").isEmpty();
			Path partial = folder.resolve("." + i + ".part");
			Files.write(partial, contents.get(i));
			if (exportedAt != null) {
				Files.setLastModifiedTime(partial, FileTime.from(exportedAt.get(i)));
			}
			partials.add(partial);
		}
		for (int i = 0; i < names.size(); i++) {
			Files.move(partials.get(i), folder.resolve(names.get(i)));
		}
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		for (String name : names) {
			while (archived(name).isEmpty()) {
				assertThat(System.nanoTime()).as("route finished " + name).isLessThan(deadline);
				try {
					Thread.sleep(50);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException(ex);
				}
			}
		}
	}

	void drop(String agency, String name, String content) throws IOException {
		drop(agency, List.of(name), List.of(content.getBytes(StandardCharsets.UTF_8)), null);
	}

	JsonNode parked(String suffix) throws IOException {
		try (Stream<Path> files = Files.list(WORK.resolve("dead-letter"))) {
			List<Path> reasons = files.filter(f -> f.getFileName().toString().endsWith(suffix + ".reason.json")).toList();
			assertThat(reasons).as("one reason for " + suffix).hasSize(1);
			return json.readTree(reasons.get(0).toFile());
		}
	}

	byte[] parkedBytes(JsonNode reason) throws IOException {
		return Files.readAllBytes(WORK.resolve("dead-letter").resolve(reason.path("original").asText()));
	}

	List<Path> archived(String name) {
		Path archive = WORK.resolve("archive");
		if (!Files.isDirectory(archive)) {
			return List.of();
		}
		try (Stream<Path> files = Files.walk(archive)) {
			return files.filter(f -> f.getFileName().toString().equals(name)).toList();
		}
		catch (IOException | java.io.UncheckedIOException ex) {
			// The route is moving a file while we look: look again.
			return archived(name);
		}
	}

	@Test
	void anEmptyFileIsParkedAsNoRecordsInsteadOfWaitingInTheInbox() throws IOException {
		drop("outreach", "empty-export.csv", "");
		JsonNode reason = parked("empty-export.csv");
		assertThat(reason.path("code").asText()).isEqualTo("no_records");
		assertThat(parkedBytes(reason)).isEmpty();
		assertThat(inbox("outreach").resolve("empty-export.csv")).doesNotExist();
	}

	@Test
	void aFileWithALongNameIsParkedOrStoredLikeAnyOther() throws IOException {
		String longBad = "b".repeat(236) + ".csv";
		String longGood = "g".repeat(236) + ".csv";
		drop("outreach", longBad, "not,a,mapped\nfile,at,all\n");
		drop("outreach", longGood, HEADER + row("OR-9301", "Long Name Person"));
		JsonNode reason = parked("b".repeat(100) + ".csv");
		assertThat(reason.path("code").asText()).isNotBlank().isNotEqualTo("intake_failed");
		assertThat(new String(parkedBytes(reason), StandardCharsets.UTF_8)).isEqualTo("not,a,mapped\nfile,at,all\n");
		assertThat(cases.find("outreach:OR-9301")).isPresent();
		assertThat(archived(longGood)).hasSize(1);
		assertThat(archived(longBad)).hasSize(1);
		try (Stream<Path> failed = Files.walk(WORK.resolve("archive"))) {
			assertThat(failed.filter(f -> f.toString().contains("/failed/"))).isEmpty();
		}
	}

	@Test
	void aFileOverTheSizeLimitIsParkedWholeAsTooLarge() throws IOException {
		StringBuilder big = new StringBuilder(HEADER);
		for (int i = 0; big.length() <= LIMIT; i++) {
			big.append(row("OR-94" + String.format("%03d", i), "Big Drop Person"));
		}
		drop("outreach", "too-big.csv", big.toString());
		JsonNode reason = parked("too-big.csv");
		assertThat(reason.path("code").asText()).isEqualTo("too_large");
		assertThat(reason.path("detail").asText()).contains(String.valueOf(LIMIT)).doesNotContain("Big Drop Person");
		assertThat(new String(parkedBytes(reason), StandardCharsets.UTF_8)).isEqualTo(big.toString());
		assertThat(cases.find("outreach:OR-94000")).isEmpty();
	}

	@Test
	void aRestBodyOverTheSizeLimitIsRefusedAndItsReasonParked() throws IOException {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.valueOf("text/csv"));
		String big = HEADER + row("OR-9501", "Rest Big Person").repeat(1) + "x".repeat(LIMIT);
		ResponseEntity<String> refused = rest.withBasicAuth("outreach", "agency-test")
			.postForEntity("/api/intake/outreach", new HttpEntity<>(big, headers), String.class);
		assertThat(refused.getStatusCode().value()).isEqualTo(413);
		assertThat(json.readTree(refused.getBody()).path("code").asText()).isEqualTo("too_large");
		assertThat(refused.getBody()).doesNotContain("Rest Big Person");
		assertThat(parked("rest-outreach").path("code").asText()).isEqualTo("too_large");
		assertThat(cases.find("outreach:OR-9501")).isEmpty();
		// A stranger cannot use the limit to write into the dead letter.
		assertThat(rest.postForEntity("/api/intake/outreach", new HttpEntity<>(big, headers), String.class)
			.getStatusCode().value()).isEqualTo(401);
	}

	@Test
	void jsonWithTrailingContentIsParkedNotHalfStored() throws IOException {
		String first = "[{\"clientRef\": \"DC-9601\", \"name\": \"Trailing One\"}]";
		String second = "{\"records\": [{\"clientRef\": \"DC-9602\", \"name\": \"Trailing Two\"}]}";
		drop("day-centre", "two-documents.json", first + second);
		JsonNode reason = parked("two-documents.json");
		assertThat(reason.path("code").asText()).isEqualTo("malformed_json");
		assertThat(reason.path("detail").asText()).doesNotContain("Trailing");
		assertThat(cases.find("day-centre:DC-9601")).isEmpty();
		assertThat(cases.find("day-centre:DC-9602")).isEmpty();
	}

	// Found by the fuzz run: the header cell or key was quoted because it looked like a column name.
	@Test
	void aPersonsValueInTheHeaderIsNamedByPositionNeverQuoted() throws IOException {
		drop("outreach", "value-in-header.csv", "client_id,full_name,Wojciechowska,sex,nationality,status,needs\n"
				+ "OR-9711,Ola Wojciechowska,01/02/1990,Female,British,rough_sleeping,benefits\n");
		JsonNode reason = parked("value-in-header.csv");
		assertThat(reason.path("code").asText()).isEqualTo("unmapped_column");
		assertThat(reason.path("detail").asText()).contains("Column 3").doesNotContain("Wojciechowska");
		assertThat(cases.find("outreach:OR-9711")).isEmpty();
	}

	@Test
	void aPersonsValueAsAJsonKeyIsNamedByPositionNeverQuoted() throws IOException {
		drop("day-centre", "value-as-key.json",
				"[{\"clientRef\": \"DC-9721\", \"name\": \"Keyed Person\", \"Keyed Person\": {\"k\": 1}}]");
		JsonNode reason = parked("value-as-key.json");
		assertThat(reason.path("code").asText()).isEqualTo("malformed_json");
		assertThat(reason.path("detail").asText()).contains("Record 1", "column 3").doesNotContain("Keyed");
		assertThat(cases.find("day-centre:DC-9721")).isEmpty();
	}

	// Found by the fuzz run: a Latin-1 export posted to REST was stored with its accented names
	// turned into replacement characters, while the same file dropped in the inbox was parked.
	@Test
	void aRestDropThatIsNotUtf8IsParkedNotStoredWithItsNamesMangled() throws IOException {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.valueOf("text/csv"));
		byte[] latin1 = ("application_no,applicant_name,nationality\nHO-9731,Octavio K\u00fcfeciler,Turkish\n")
			.getBytes(StandardCharsets.ISO_8859_1);
		ResponseEntity<String> refused = rest.withBasicAuth("housing-options", "agency-test")
			.postForEntity("/api/intake/housing-options", new HttpEntity<>(latin1, headers), String.class);
		assertThat(refused.getStatusCode().value()).isEqualTo(422);
		JsonNode reason = parked("rest-housing-options");
		assertThat(reason.path("code").asText()).isEqualTo("bad_encoding");
		assertThat(reason.path("detail").asText()).contains("Line 2").doesNotContain("feciler");
		assertThat(cases.find("housing-options:HO-9731")).isEmpty();
	}

	// Found by the fuzz run: a reference longer than the store's column failed in the database
	// (whose message quotes the value), and a REST caller got a 500 instead of a reason.
	@Test
	void aReferenceTooLongForTheStoreIsParkedWithAReasonNotA500() throws IOException {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		String reference = "DC-" + "7".repeat(80);
		ResponseEntity<String> refused = rest.withBasicAuth("day-centre", "agency-test")
			.postForEntity("/api/intake/day-centre", new HttpEntity<>("[{\"clientRef\": \"DC-9751\", \"name\": \"Short Ref\"},"
					+ " {\"clientRef\": \"" + reference + "\", \"name\": \"Long Ref\"}]", headers), String.class);
		assertThat(refused.getStatusCode().value()).isEqualTo(422);
		JsonNode reason = parked("rest-day-centre");
		assertThat(reason.path("code").asText()).isEqualTo("invalid_value");
		assertThat(reason.path("detail").asText()).contains("Record 2", "clientRef", "64").doesNotContain("7777");
		assertThat(cases.find("day-centre:DC-9751")).isEmpty();
	}

	@Test
	void aFileWithNulBytesIsParkedWithTheLineNamed() throws IOException {
		drop("outreach", "nul-bytes.csv", HEADER + row("OR-9741", "Nul Person") + row("OR-9742", "Nul\0\0Person"));
		JsonNode reason = parked("nul-bytes.csv");
		assertThat(reason.path("code").asText()).isEqualTo("bad_encoding");
		assertThat(reason.path("detail").asText()).contains("Line 3").doesNotContain("Nul");
		assertThat(cases.find("outreach:OR-9741")).isEmpty();
	}

	@Test
	void aCsvWithoutItsHeaderIsParkedWithAReasonThatQuotesNoValue() throws IOException {
		drop("outreach", "no-header.csv", row("OR-9701", "Headless Person") + row("OR-9702", "Other Person"));
		JsonNode reason = parked("no-header.csv");
		assertThat(reason.path("code").asText()).isEqualTo("missing_header");
		assertThat(reason.toString()).doesNotContain("OR-9701", "Headless", "01/02/1990", "Female", "British");
		assertThat(cases.find("outreach:OR-9702")).isEmpty();
	}

	@Test
	void twoExportsWaitingInTheInboxAreAppliedInOrderAndAnOlderOneNeverOverwritesANewer() throws IOException {
		Instant now = Instant.now();
		// The newer export is written first, so it would be listed first; its time says it is newer.
		drop("outreach", List.of("export-b.csv", "export-a.csv"),
				List.of((HEADER + row("OR-9801", "Name As Exported Later")).getBytes(StandardCharsets.UTF_8),
						(HEADER + row("OR-9801", "Name As Exported Earlier")).getBytes(StandardCharsets.UTF_8)),
				List.of(now.minusSeconds(60), now.minusSeconds(3600)));
		assertThat(cases.find("outreach:OR-9801").orElseThrow().fields()).containsEntry("name", "Name As Exported Later");

		// An even older export arriving late is stored as a batch but does not replace the record.
		drop("outreach", List.of("export-late.csv"),
				List.of((HEADER + row("OR-9801", "Name From A Stale Export")).getBytes(StandardCharsets.UTF_8)),
				List.of(now.minusSeconds(7200)));
		assertThat(cases.find("outreach:OR-9801").orElseThrow().fields()).containsEntry("name", "Name As Exported Later");
		try (Stream<Path> reports = Files.list(WORK.resolve("intake-reports"))) {
			List<Path> late = reports.filter(f -> f.getFileName().toString().endsWith("export-late.csv.notes.json")).toList();
			assertThat(late).hasSize(1);
			JsonNode report = json.readTree(late.get(0).toFile());
			assertThat(report.path("notes").toString()).contains("Records [1]", "exported before").doesNotContain("Stale");
		}
	}

	@Autowired
	RawDrops rawDrops;

	String dpo(String path, Object body) {
		return rest.withBasicAuth("dpo", "dpo-test").postForObject(path, body, String.class);
	}

	@Test
	void erasureTakesThePersonOutOfEveryRawDropAndTheReportSaysWhatIsKeptAndHowLong() throws IOException {
		drop("outreach", "two-people.csv", HEADER + row("OR-9901", "Erased Person") + row("OR-9902", "Kept Person"));
		drop("outreach", "broken-with-her.json", "{\"records\": [{\"client_id\": \"OR-9901\", \"full_name\": \"Erased");
		drop("outreach", "unmapped-with-her.csv",
				"client_id,full_name,shoe_size\nOR-9901,Erased Person,5\nOR-9903,Third Person,6\n");
		assertThat(parked("broken-with-her.json").path("code").asText()).isEqualTo("malformed_json");
		JsonNode request = json.readTree(dpo("/api/dpo/access-requests", java.util.Map.of("ref", "outreach:OR-9902")));
		String report = rest.withBasicAuth("dpo", "dpo-test")
			.getForObject("/api/dpo/access-requests/{id}/report", String.class, request.path("id").asText());
		assertThat(report).contains("kept as sent for " + rawDrops.retentionDays() + " days", "taken out of them at once");

		dpo("/api/dpo/people/outreach:OR-9901/erasure", null);

		String archived = Files.readString(archived("two-people.csv").get(0));
		assertThat(archived).contains("OR-9902", "Kept Person").doesNotContain("OR-9901", "Erased Person");
		JsonNode broken = parked("broken-with-her.json");
		assertThat(broken.path("original").isNull()).isTrue();
		assertThat(broken.path("purged").asText()).isNotBlank();
		assertThat(broken.toString()).doesNotContain("OR-9901", "Erased");
		try (Stream<Path> left = Files.list(WORK.resolve("dead-letter"))) {
			assertThat(left.map(f -> f.getFileName().toString()))
				.noneMatch(n -> n.endsWith("broken-with-her.json"))
				.anyMatch(n -> n.endsWith("unmapped-with-her.csv"));
		}
		JsonNode unmapped = parked("unmapped-with-her.csv");
		assertThat(new String(parkedBytes(unmapped), StandardCharsets.UTF_8)).contains("OR-9903", "Third Person")
			.doesNotContain("OR-9901", "Erased Person");
		assertThat(unmapped.path("rewritten").asText()).isNotBlank();
	}

	@Test
	void rawDropsAreDeletedAfterTheirRetentionPeriodAndParkedOnesKeepTheirReason() throws IOException {
		drop("outreach", "recent.csv", HEADER + row("OR-9911", "Recent Person"));
		drop("outreach", "old-broken.csv", "client_id,full_name\nOR-9912,\"Old Person\n");
		JsonNode oldReason = parked("old-broken.csv");
		Path oldParked = WORK.resolve("dead-letter").resolve(oldReason.path("original").asText());
		Instant longAgo = Instant.now().minus(java.time.Duration.ofDays(rawDrops.retentionDays() + 2L));
		Files.setLastModifiedTime(oldParked, FileTime.from(longAgo));
		// An archived drop from before the retention period, in the archive's own day-folder layout.
		String day = java.time.format.DateTimeFormatter.BASIC_ISO_DATE.format(longAgo.atZone(java.time.ZoneOffset.UTC));
		Path oldArchived = Files.createDirectories(WORK.resolve("archive").resolve(day).resolve("090000000").resolve("outreach"))
			.resolve("old.csv");
		Files.writeString(oldArchived, HEADER + row("OR-9913", "Old Archived Person"));

		assertThat(rawDrops.purgeExpired()).isEqualTo(2);
		assertThat(oldArchived).doesNotExist();
		assertThat(oldArchived.resolveSibling("old.csv.purged.json")).exists();
		assertThat(oldParked).doesNotExist();
		assertThat(parked("old-broken.csv").path("code").asText()).isEqualTo("malformed_csv");
		assertThat(archived("recent.csv")).hasSize(1);
	}

}
