package org.proportion.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The whole gateway on a random port, talking to the real OPA server, with folders of its own.
 * Subclasses choose the database with {@link TestDatabases}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
public abstract class GatewayTestSupport {

	protected static void folders(DynamicPropertyRegistry registry, Path work) {
		registry.add("proportion.inbox", () -> work.resolve("inbox").toString());
		registry.add("proportion.archive", () -> work.resolve("archive").toString());
		registry.add("proportion.dead-letter", () -> work.resolve("dead-letter").toString());
		registry.add("proportion.meetings-inbox", () -> work.resolve("meetings").toString());
		registry.add("proportion.mailbox", () -> work.resolve("mailbox").toString());
		registry.add("proportion.audit.anchor-dir", () -> work.resolve("log-anchor").toString());
		registry.add("proportion.audit.anchor-key", () -> work.resolve("keys/log-anchor.key").toString());
		registry.add("proportion.intake-reports", () -> work.resolve("intake-reports").toString());
	}

	/** The shared OPA server, folders of the test's own and a fresh embedded database. */
	protected static void embeddedDefaults(DynamicPropertyRegistry registry) {
		sharedOpa(registry);
		folders(registry, tempDir());
		TestDatabases.h2(registry);
	}

	protected static void sharedOpa(DynamicPropertyRegistry registry) {
		opa(registry, OpaServer.shared());
	}

	/** The gateway talks to this OPA with its token. */
	protected static void opa(DynamicPropertyRegistry registry, OpaServer opa) {
		registry.add("proportion.opa.url", opa::url);
		registry.add("proportion.opa.token", opa::token);
	}

	/**
	 * OPA reached through a relay that counts, or holds, its sharing questions ({@link OpaRelay}),
	 * with every case asked: no answers kept by input, which would make cases with the same facts
	 * one question and leave a test nothing to count or hold.
	 */
	protected static void opaThroughRelay(DynamicPropertyRegistry registry, OpaRelay relay, OpaServer opa) {
		registry.add("proportion.opa.url", relay::url);
		registry.add("proportion.opa.token", opa::token);
		registry.add("proportion.opa.decision-cache", () -> "0");
	}

	protected static Path tempDir() {
		try {
			return Files.createTempDirectory("proportion-test");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	protected static byte[] sample(String agencyFile) {
		try {
			return Files.readAllBytes(OpaServer.projectDir().resolve("src/main/resources/samples/drops").resolve(agencyFile));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
