package org.proportion.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.proportion.support.GatewayTestSupport;
import org.proportion.support.OpaServer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Faults during intake, on the real parts: the database (a real H2 server over TCP) lost in the
 * middle of a large drop and for longer than the retries, and the dead-letter folder unwritable.
 * After each, every drop is stored whole or parked whole with its reason, and nothing is lost.
 */
class IntakeFaultsTests extends GatewayTestSupport {

	static final Path WORK = tempDir();

	static final int DB_PORT = OpaServer.freePort();

	static Server database = startDatabase();

	static Server startDatabase() {
		try {
			return Server.createTcpServer("-tcpPort", String.valueOf(DB_PORT), "-ifNotExists").start();
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@AfterAll
	static void stopDatabase() {
		database.stop();
	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		sharedOpa(registry);
		folders(registry, WORK);
		registry.add("spring.datasource.url", () -> "jdbc:h2:tcp://127.0.0.1:" + DB_PORT + "/" + WORK.resolve("db/faults"));
		registry.add("spring.datasource.username", () -> "sa");
		registry.add("spring.datasource.password", () -> "");
		// A lost database is noticed within a second, so the retries (0.5 s, 1 s, 2 s) are what is tested.
		registry.add("spring.datasource.hikari.connection-timeout", () -> "1000");
		registry.add("spring.datasource.hikari.validation-timeout", () -> "500");
	}

	@Autowired
	JdbcClient jdbc;

	@Autowired
	org.apache.camel.CamelContext camel;

	@Autowired
	ObjectMapper json;

	static final String HEADER = "client_id,full_name,dob,sex,nationality,status,needs\n";

	static String export(String prefix, int records) {
		StringBuilder csv = new StringBuilder(HEADER);
		for (int i = 0; i < records; i++) {
			csv.append(prefix).append(i).append(",Fault Person ").append(i).append(",01/02/1990,Female,British,rough_sleeping,benefits\n");
		}
		return csv.toString();
	}

	int stored(String prefix) {
		return jdbc.sql("select count(*) from case_record where agency_ref like ?").param(prefix + "%").query(Integer.class).single();
	}

	Path inbox() throws IOException {
		return Files.createDirectories(WORK.resolve("inbox").resolve("outreach"));
	}

	void put(String name, String content) throws IOException {
		Path partial = inbox().resolve("." + name + ".part");
		Files.writeString(partial, content, StandardCharsets.UTF_8);
		Files.move(partial, inbox().resolve(name));
	}

	List<Path> archived(String name) {
		if (!Files.isDirectory(WORK.resolve("archive"))) {
			return List.of();
		}
		try (Stream<Path> files = Files.walk(WORK.resolve("archive"))) {
			return files.filter(f -> f.getFileName().toString().equals(name)).toList();
		}
		catch (IOException | java.io.UncheckedIOException ex) {
			return archived(name);
		}
	}

	/** Waits until the route has finished the file: it is moved out of the inbox as its last step. */
	Path finished(String name) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
		while (archived(name).isEmpty()) {
			assertThat(System.nanoTime()).as("route finished " + name).isLessThan(deadline);
			Thread.sleep(50);
		}
		return archived(name).get(0);
	}

	List<JsonNode> reasons(String name) throws IOException {
		Path deadLetter = WORK.resolve("dead-letter");
		if (!Files.isDirectory(deadLetter)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(deadLetter)) {
			List<JsonNode> reasons = new java.util.ArrayList<>();
			for (Path f : files.filter(f -> f.getFileName().toString().endsWith(name + ".reason.json")).toList()) {
				reasons.add(json.readTree(f.toFile()));
			}
			return reasons;
		}
	}

	/** Waits until the store has written some of the drop's records in its open transaction (dirty reads). */
	void awaitStoreUnderWay(String prefix) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		try (java.sql.Connection c = java.sql.DriverManager
			.getConnection("jdbc:h2:tcp://127.0.0.1:" + DB_PORT + "/" + WORK.resolve("db/faults"), "sa", "")) {
			c.setTransactionIsolation(java.sql.Connection.TRANSACTION_READ_UNCOMMITTED);
			while (true) {
				try (java.sql.PreparedStatement count = c.prepareStatement(
						"select count(*) from case_record where agency_ref like ?")) {
					count.setString(1, prefix + "%");
					try (java.sql.ResultSet rs = count.executeQuery()) {
						rs.next();
						if (rs.getInt(1) > 0) {
							return;
						}
					}
				}
				assertThat(System.nanoTime()).as("the store under way").isLessThan(deadline);
				Thread.sleep(10);
			}
		}
	}

	@Test
	void theDatabaseLostMidIntakeLeavesEveryDropStoredWholeOrParkedWhole() throws Exception {
		// Lost in the middle of a large drop's store, back two seconds later: stored whole (a retry) or
		// parked whole. The drop is read and mapped before the store's transaction begins, so the
		// database is stopped once the store is under way (its first records written, not committed).
		String large = export("OR-6", 10000);
		java.util.concurrent.atomic.AtomicInteger retries = new java.util.concurrent.atomic.AtomicInteger();
		org.apache.camel.support.EventNotifierSupport watcher = new org.apache.camel.support.EventNotifierSupport() {
			@Override
			public void notify(org.apache.camel.spi.CamelEvent event) {
				if (event instanceof org.apache.camel.spi.CamelEvent.ExchangeRedeliveryEvent) {
					retries.incrementAndGet();
				}
			}
		};
		camel.getManagementStrategy().addEventNotifier(watcher);
		watcher.start();
		put("large.csv", large);
		awaitStoreUnderWay("OR-6");
		database.stop();
		Thread.sleep(2000);
		database = startDatabase();
		finished("large.csv");
		camel.getManagementStrategy().removeEventNotifier(watcher);
		assertThat(retries.get()).as("the database was lost while the drop was being taken in").isPositive();
		int stored = stored("OR-6");
		List<JsonNode> parked = reasons("large.csv");
		if (stored == 0) {
			assertThat(parked).hasSize(1);
			assertThat(parked.get(0).path("code").asText()).isEqualTo("intake_failed");
			assertThat(Files.readString(WORK.resolve("dead-letter").resolve(parked.get(0).path("original").asText())))
				.isEqualTo(large);
		}
		else {
			assertThat(stored).as("all or nothing").isEqualTo(10000);
			assertThat(parked).isEmpty();
		}

		// Lost for longer than the retries: parked whole with its reason, and taken in whole once it is back.
		database.stop();
		String small = export("OR-7", 50);
		try {
			put("while-down.csv", small);
			finished("while-down.csv");
		}
		finally {
			database = startDatabase();
		}
		List<JsonNode> down = reasons("while-down.csv");
		assertThat(down).hasSize(1);
		assertThat(down.get(0).path("code").asText()).isEqualTo("intake_failed");
		assertThat(down.get(0).toString()).doesNotContain("Fault Person");
		Path original = WORK.resolve("dead-letter").resolve(down.get(0).path("original").asText());
		assertThat(Files.readString(original)).isEqualTo(small);
		assertThat(stored("OR-7")).isZero();
		put("while-down-again.csv", Files.readString(original));
		finished("while-down-again.csv");
		assertThat(stored("OR-7")).isEqualTo(50);
	}

	@Test
	void anUnwritableDeadLetterFolderLeavesTheDropInTheFailedFolderWhole() throws Exception {
		Path deadLetter = WORK.resolve("dead-letter");
		Path moved = WORK.resolve("dead-letter-aside");
		if (Files.isDirectory(deadLetter)) {
			Files.move(deadLetter, moved);
		}
		// A file where the folder should be: nothing can be written there, whoever runs the gateway.
		Files.writeString(deadLetter, "not a folder");
		String bad = "client_id,full_name,shoe_size\nOR-8001,Unparkable Person,9\n";
		try {
			put("unparkable.csv", bad);
			Path kept = finished("unparkable.csv");
			assertThat(kept.toString()).contains("/failed/");
			assertThat(Files.readString(kept)).isEqualTo(bad);
		}
		finally {
			Files.delete(deadLetter);
			if (Files.isDirectory(moved)) {
				Files.move(moved, deadLetter);
			}
		}
		assertThat(stored("OR-8001")).isZero();
		assertThat(inbox().resolve("unparkable.csv")).doesNotExist();
	}

}
