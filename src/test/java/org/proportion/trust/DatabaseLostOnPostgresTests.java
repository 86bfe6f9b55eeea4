package org.proportion.trust;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.proportion.audit.DecisionLog;
import org.proportion.audit.LogEntry;
import org.proportion.ingest.IntakeService;
import org.proportion.pack.PackRepository;
import org.proportion.policy.LiveBundle;
import org.proportion.policy.PolicyService;
import org.proportion.support.FaultyProxy;
import org.proportion.support.GatewayTestSupport;
import org.proportion.support.OpaServer;
import org.proportion.support.TestDatabases;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database lost mid-build on PostgreSQL: every connection of this gateway is killed on the
 * server ({@code pg_terminate_backend}) after the first case is decided. The build either fails
 * and releases nothing, or (if the pool replaced the connection before the next query) releases a
 * pack wholly decided on the validated revision; the next build is released and the chain verifies.
 */
class DatabaseLostOnPostgresTests extends GatewayTestSupport {

	static final String APPLICATION = "proportion-fault-" + UUID.randomUUID().toString().substring(0, 8);

	static final FaultyProxy PROXY = new FaultyProxy(OpaServer.shared().url());

	static final String MAM = "rs-mam-2026-12";

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		sharedOpa(registry);
		registry.add("proportion.opa.url", PROXY::url);
		folders(registry, tempDir());
		TestDatabases.postgres(registry, APPLICATION);
		registry.add("spring.datasource.hikari.connection-timeout", () -> "3000");
		// the fault fires at the third OPA question: every case must be asked, not answered from cache
		registry.add("proportion.opa.decision-cache", () -> "0");
	}

	@AfterAll
	static void stop() {
		PROXY.close();
	}

	@Autowired
	TestRestTemplate rest;

	@Autowired
	IntakeService intake;

	@Autowired
	PackRepository packs;

	@Autowired
	DecisionLog decisionLog;

	@Autowired
	LiveBundle live;

	@Autowired
	ObjectMapper json;

	@Test
	void databaseConnectionsKilledMidBuild() throws Exception {
		intake.fromFile("outreach/outreach-caseload.csv", sample("outreach/outreach-caseload.csv"));
		PROXY.beforeDecision(3, DatabaseLostOnPostgresTests::terminateTheGatewaysConnections);
		ResponseEntity<String> response = build();
		if (response.getStatusCode().is2xxSuccessful()) {
			assertWhollyDecidedOnTheValidatedRevision(packId(response));
		}
		else {
			assertThat(response.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
			assertThat(response.getBody()).doesNotContain("Agnieszka");
			assertThat(released()).isZero();
		}
		int before = released();
		ResponseEntity<String> built = build();
		if (before == 0) {
			// nothing was released: the next build must release the first version
			assertThat(built.getStatusCode()).isEqualTo(HttpStatus.CREATED);
			assertThat(released()).isEqualTo(1);
		}
		else {
			// the pack built through the fault is live; nothing changed since, so nothing new is released
			assertThat(built.getStatusCode()).isEqualTo(HttpStatus.OK);
			assertThat(json.readTree(built.getBody()).path("unchanged").asBoolean()).isTrue();
			assertThat(released()).isEqualTo(before);
		}
		assertWhollyDecidedOnTheValidatedRevision(packId(built));
		assertThat(decisionLog.verify().valid()).isTrue();
	}

	// The pool may still lend a killed connection once; ask again after it has noticed.
	int released() {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
		while (true) {
			try {
				return packs.releasedCount(MAM);
			}
			catch (RuntimeException lost) {
				if (Instant.now().isAfter(deadline)) {
					throw lost;
				}
				try {
					Thread.sleep(700);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new AssertionError(ex);
				}
			}
		}
	}

	static void terminateTheGatewaysConnections() {
		String url = System.getenv(TestDatabases.POSTGRES_URL_ENV);
		try (Connection admin = DriverManager.getConnection(url,
				System.getenv().getOrDefault("PROPORTION_TEST_POSTGRES_USER", "proportion"),
				System.getenv().getOrDefault("PROPORTION_TEST_POSTGRES_PASSWORD", "proportion"));
				PreparedStatement kill = admin.prepareStatement(
						"select count(pg_terminate_backend(pid)) from pg_stat_activity where application_name = ?")) {
			kill.setString(1, APPLICATION);
			try (ResultSet killed = kill.executeQuery()) {
				killed.next();
				assertThat(killed.getInt(1)).isPositive();
			}
		}
		catch (java.sql.SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	void assertWhollyDecidedOnTheValidatedRevision(String packId) {
		assertThat(decisionLog.entriesOfPack(packId)).hasSizeGreaterThan(100)
			.extracting(LogEntry::policyRevision)
			.allSatisfy(r -> assertThat(r).startsWith(PolicyService.revisionLabel(live.revision())));
	}

	ResponseEntity<String> build() {
		return rest.withBasicAuth("admin", "admin-test").postForEntity("/api/meetings/{m}/packs", null, String.class, MAM);
	}

	String packId(ResponseEntity<String> response) throws Exception {
		return json.readTree(response.getBody()).path("packId").asText();
	}

}
