package org.proportion.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.proportion.cases.CaseRepository;
import org.proportion.support.GatewayTestSupport;
import org.proportion.support.SftpServer;
import org.proportion.support.TestDatabases;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An agency's nightly export pulled from its own SFTP server (a real Apache MINA SSHD server with
 * a generated host key, checked against known_hosts) into the same intake as file drops: stored
 * with the agency's mapping and moved aside under stored/, or parked with a value-free reason and
 * moved aside under parked/, nothing of it stored.
 */
@ExtendWith(OutputCaptureExtension.class)
class SftpIntakeTests extends GatewayTestSupport {

	static final Path WORK = tempDir();

	static final SftpServer SFTP = SftpServer.start("outreach-export", "s3cr&t)+" + System.nanoTime());

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		sharedOpa(registry);
		folders(registry, WORK);
		TestDatabases.h2(registry);
		registry.add("proportion.sftp.outreach.host", () -> "127.0.0.1");
		registry.add("proportion.sftp.outreach.port", SFTP::port);
		registry.add("proportion.sftp.outreach.username", SFTP::username);
		registry.add("proportion.sftp.outreach.password", SFTP::password);
		registry.add("proportion.sftp.outreach.known-hosts-file", () -> SFTP.knownHosts().toString());
		registry.add("proportion.sftp.outreach.directory", () -> "exports");
		registry.add("proportion.sftp.outreach.poll-delay", () -> "500ms");
	}

	@AfterAll
	static void stopServer() {
		SFTP.close();
	}

	@Autowired
	CaseRepository cases;

	@Autowired
	ObjectMapper json;

	/** Writes an export on the agency's server as its nightly job would: whole, then renamed in. */
	static Path export(String name, String content) throws IOException {
		Path folder = Files.createDirectories(SFTP.root().resolve("exports"));
		Path partial = Files.createDirectories(SFTP.root().resolve("staging")).resolve(name);
		Files.writeString(partial, content, StandardCharsets.UTF_8);
		Files.setLastModifiedTime(partial, FileTime.from(Instant.now().minusSeconds(5)));
		return Files.move(partial, folder.resolve(name));
	}

	static void await(String what, BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as("waited for " + what).isLessThan(deadline);
			Thread.sleep(200);
		}
	}

	static List<Path> movedTo(String outcome) {
		Path folder = SFTP.root().resolve("exports/.proportion").resolve(outcome);
		if (!Files.isDirectory(folder)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(folder)) {
			return files.toList();
		}
		catch (IOException ex) {
			return List.of();
		}
	}

	@Test
	void aNightlyExportIsPulledStoredAndMovedAside() throws Exception {
		Path file = export("nightly-20261201.csv", """
				client_id,full_name,dob,sex,nationality,status,needs
				OR-S001,Sftp Person One,01/02/1990,Female,British,rough_sleeping,mental_health;benefits
				OR-S002,Sftp Person Two,03/04/1985,Male,Irish,rough_sleeping,
				""");
		await("the export stored", () -> cases.find("outreach:OR-S002").isPresent());
		assertThat(cases.find("outreach:OR-S001")).hasValueSatisfying(r -> assertThat(r.fields())
			.containsEntry("name", "Sftp Person One")
			.containsEntry("date_of_birth", "1990-02-01")
			.containsEntry("support_needs", List.of("mental_health", "benefits")));
		await("the export moved aside", () -> !Files.exists(file)
				&& movedTo("stored").stream().anyMatch(p -> p.getFileName().toString().endsWith("-nightly-20261201.csv")));
	}

	@Test
	void aBadExportIsParkedWithItsReasonAndNothingOfItIsStored(CapturedOutput output) throws Exception {
		int before = cases.count();
		Path file = export("nightly-bad.csv", """
				client_id,full_name,dob,sex,nationality,status,needs
				OR-S010,Sftp Goodrow,01/02/1990,Female,British,rough_sleeping,benefits
				OR-S011,Sftp Badperson,31/31/1990,Male,Irish,rough_sleeping,
				""");
		await("the export moved aside", () -> !Files.exists(file)
				&& movedTo("parked").stream().anyMatch(p -> p.getFileName().toString().endsWith("-nightly-bad.csv")));
		Path reasonFile;
		try (Stream<Path> files = Files.list(WORK.resolve("dead-letter"))) {
			reasonFile = files.filter(f -> f.getFileName().toString().endsWith("sftp-outreach-nightly-bad.csv.reason.json"))
				.findFirst()
				.orElseThrow();
		}
		JsonNode reason = json.readTree(reasonFile.toFile());
		assertThat(reason.path("code").asText()).isEqualTo("invalid_date");
		assertThat(reason.path("detail").asText()).contains("Record 2", "dob");
		assertThat(reason.toString()).doesNotContain("Sftp", "31/31", "OR-S01");
		assertThat(Files.readString(WORK.resolve("dead-letter").resolve(reason.path("original").asText())))
			.contains("OR-S011");
		// Stored whole or not at all: the good first row is not stored either.
		assertThat(cases.find("outreach:OR-S010")).isEmpty();
		assertThat(cases.count()).isEqualTo(before);
		assertThat(output.getAll()).doesNotContain("Sftp Badperson", "31/31/1990", SFTP.password());
	}

	@Test
	void aSourceWithoutTheServersHostKeyIsRefused() {
		SftpSource noKnownHosts = new SftpSource("127.0.0.1", 22, "user", "secret", null, null, null, "exports", null,
				null);
		assertThatThrownBy(() -> noKnownHosts.uri("outreach")).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("known-hosts-file")
			.hasMessageNotContaining("secret");
	}

}
