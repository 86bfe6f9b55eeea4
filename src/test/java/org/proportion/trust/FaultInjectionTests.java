package org.proportion.trust;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fault injection on the real parts: the real OPA server (run as ./proportion runs it, polling
 * this gateway for its bundle) behind a proxy that injects the fault in the middle of a build,
 * after the trends and the first case have been decided, and an H2 file database that can be
 * lost. After each fault: the build releases nothing, or (where the fault is healed before the
 * next decision) a pack wholly decided on the validated revision; the next build is released,
 * wholly on the validated revision; the decision log's chain verifies.
 */
class FaultInjectionTests extends GatewayTestSupport {

	static final int GATEWAY_PORT = OpaServer.freePort();

	static final OpaServer OPA = OpaServer.pollingGateway(GATEWAY_PORT);

	static final FaultyProxy PROXY = new FaultyProxy(OPA.url());

	static final Path DB_DIR = tempDir();

	static final String MAM = "rs-mam-2026-12";

	// After the trends (1st decision) and the first case (2nd): in the middle of the cases.
	static final int MID_BUILD = 3;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("proportion.opa.url", PROXY::url);
		registry.add("proportion.opa.token", OPA::token);
		// The faults are injected before the N-th decision OPA is asked for, so every build asks for
		// every case: no answers kept between builds (DecisionCacheTests covers the cache).
		registry.add("proportion.opa.decision-cache", () -> "0");
		registry.add("server.port", () -> GATEWAY_PORT);
		folders(registry, tempDir());
		registry.add("spring.datasource.url", () -> fileDatabase() + ";IFEXISTS=TRUE");
		registry.add("spring.datasource.username", () -> "sa");
		registry.add("spring.datasource.password", () -> "");
		// A lost database fails the build within seconds rather than the pool's default 30 s.
		registry.add("spring.datasource.hikari.connection-timeout", () -> "3000");
		registry.add("proportion.opa.binary", () -> OpaServer.binary().toString());
		registry.add("proportion.policies.check-interval", () -> "3600000");
	}

	// The file exists before the gateway starts, so IFEXISTS only refuses a database that was lost.
	static String fileDatabase() {
		String url = "jdbc:h2:file:" + DB_DIR.resolve("proportion");
		try (Connection create = DriverManager.getConnection(url, "sa", "")) {
			return url;
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@AfterAll
	static void stop() {
		PROXY.close();
		OPA.stop();
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
	javax.sql.DataSource dataSource;

	@Autowired
	ObjectMapper json;

	@BeforeEach
	void samplesAndOpaServingTheValidatedBundle() {
		intake.fromFile("outreach/outreach-caseload.csv", sample("outreach/outreach-caseload.csv"));
		await(() -> live.revision() != null && live.revision().equals(servedRevision()), "OPA serves the validated bundle");
	}

	@AfterEach
	void heal() {
		PROXY.clear();
	}

	@Test
	void opaKilledMidBuild() {
		refusedThenRecovered(OPA::kill, "policy_error", OPA::restart);
	}

	@Test
	void opaSlowMidBuild() {
		refusedThenRecovered(() -> PROXY.delay(Duration.ofSeconds(3)), "policy_timeout", PROXY::clear);
	}

	@Test
	void opaDataChangedBehindTheGatewaysBackMidBuild() {
		refusedThenRecovered(() -> assertThat(OPA
			.call("PUT", "/v1/data/system/bundles/proportion/manifest/revision", "\"tampered\"", true)
			.statusCode()).isEqualTo(204), "policy_revision_mismatch", () -> {
			});
	}

	@Test
	void opaRestartedEmptyMidBuild() {
		int before = packs.releasedCount(MAM);
		PROXY.beforeDecision(MID_BUILD, () -> {
			OPA.kill();
			OPA.restart();
		});
		ResponseEntity<String> response = build();
		// Either a decision came from the empty OPA (refused), or OPA had reloaded the validated
		// bundle before the next decision (released, and wholly decided on it).
		if (response.getStatusCode().is2xxSuccessful()) {
			assertWhollyDecidedOnTheValidatedRevision(packId(response));
		}
		else {
			assertThat(response.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
			assertThat(code(response)).isIn("policy_revision_mismatch", "policy_error", "policy_unreachable");
			assertThat(packs.releasedCount(MAM)).isEqualTo(before);
		}
		recovers();
	}

	@Test
	void databaseLostMidBuild() {
		Path file = DB_DIR.resolve("proportion.mv.db");
		Path lost = DB_DIR.resolve("proportion.mv.db.lost");
		int before = packs.releasedCount(MAM);
		PROXY.beforeDecision(MID_BUILD, () -> {
			// Through the gateway's own pool: the embedded database's credential is its own, generated.
			// The connection dies with the database, so closing it may throw; that is the fault.
			try {
				Connection c = dataSource.getConnection();
				try (Statement s = c.createStatement()) {
					s.execute("SHUTDOWN");
				}
				catch (SQLException closedUnderIt) {
					// the database is gone either way
				}
			}
			catch (SQLException ex) {
				throw new IllegalStateException(ex);
			}
			try {
				Files.move(file, lost);
			}
			catch (java.io.IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
		});
		ResponseEntity<String> refused = build();
		assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(code(refused)).isEqualTo("build_error");
		assertThat(refused.getBody()).doesNotContain("Agnieszka");
		try {
			Files.move(lost, file, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		// The database is back; the pool drops each connection it lost when it next lends it after
		// 500 ms idle (Hikari's check), so ask no more often than that.
		awaitEvery(Duration.ofMillis(700), () -> {
			try {
				return packs.releasedCount(MAM) == before;
			}
			catch (RuntimeException stillLost) {
				return false;
			}
		}, "the database answers again");
		recovers();
	}

	void refusedThenRecovered(Runnable fault, String code, Runnable healing) {
		int before = packs.releasedCount(MAM);
		PROXY.beforeDecision(MID_BUILD, fault);
		ResponseEntity<String> refused = build();
		assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(code(refused)).isEqualTo(code);
		assertThat(refused.getBody()).doesNotContain("Agnieszka");
		assertThat(packs.releasedCount(MAM)).isEqualTo(before);
		healing.run();
		PROXY.clear();
		recovers();
	}

	// The next build is released, wholly on the validated revision, and the chain verifies.
	void recovers() {
		PROXY.clear();
		await(() -> live.revision().equals(servedRevision()), "OPA serves the validated bundle again");
		int before = packs.releasedCount(MAM);
		ResponseEntity<String> built = build();
		assertThat(built.getStatusCode()).isIn(HttpStatus.CREATED, HttpStatus.OK);
		// A new version, or, when it comes to exactly the live pack, that pack confirmed (200).
		boolean unchanged = built.getStatusCode() == HttpStatus.OK;
		assertThat(packs.releasedCount(MAM)).isEqualTo(unchanged ? Math.max(before, 1) : before + 1);
		assertWhollyDecidedOnTheValidatedRevision(packId(built));
		assertThat(decisionLog.verify().valid()).isTrue();
	}

	void assertWhollyDecidedOnTheValidatedRevision(String packId) {
		List<LogEntry> entries = decisionLog.entriesOfPack(packId);
		// 6 attendees, each with trend tables and every field of 3 cases: far more than 100.
		assertThat(entries).hasSizeGreaterThan(100)
			.allSatisfy(e -> assertThat(e.policyRevision()).startsWith(PolicyService.revisionLabel(live.revision())));
	}

	ResponseEntity<String> build() {
		return rest.withBasicAuth("admin", "admin-test").postForEntity("/api/meetings/{m}/packs", null, String.class, MAM);
	}

	String code(ResponseEntity<String> response) {
		return readTree(response.getBody()).path("code").asText();
	}

	String packId(ResponseEntity<String> response) {
		return readTree(response.getBody()).path("packId").asText();
	}

	// Null while OPA does not answer: a restart begun by a fault may still be under way when the
	// build it broke has already been refused.
	String servedRevision() {
		HttpResponse<String> response;
		try {
			response = OPA.call("GET", "/v1/data/system/bundles", null, true);
		}
		catch (java.io.UncheckedIOException notUpYet) {
			return null;
		}
		if (response.statusCode() != 200) {
			return null;
		}
		return readTree(response.body()).path("result").path("proportion").path("manifest").path("revision").asText(null);
	}

	JsonNode readTree(String body) {
		try {
			return json.readTree(body);
		}
		catch (Exception ex) {
			throw new AssertionError("not JSON: " + body, ex);
		}
	}

	static void await(BooleanSupplier condition, String what) {
		awaitEvery(Duration.ofMillis(100), condition, what);
	}

	static void awaitEvery(Duration pause, BooleanSupplier condition, String what) {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
		while (!condition.getAsBoolean()) {
			if (Instant.now().isAfter(deadline)) {
				throw new AssertionError("Timed out waiting until " + what);
			}
			try {
				Thread.sleep(pause.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError(ex);
			}
		}
	}

}
