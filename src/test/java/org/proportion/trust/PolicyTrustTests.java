package org.proportion.trust;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.proportion.access.AccessLinks;
import org.proportion.audit.DecisionLog;
import org.proportion.ingest.IntakeService;
import org.proportion.pack.PackRepository;
import org.proportion.policy.LiveBundle;
import org.proportion.policy.PolicyLoader;
import org.proportion.schedule.PackScheduler;
import org.proportion.support.GatewayTestSupport;
import org.proportion.support.MutableClock;
import org.proportion.support.OpaServer;
import org.proportion.support.Packs;
import org.proportion.support.PolicyFolders;
import org.proportion.support.TestDatabases;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway trusts only the policies it validated: OPA (the real server, started the way
 * ./proportion starts it: token required, polling the gateway for the one validated bundle)
 * refuses writes without the token, and refuses writes under the bundle's root even with it; a
 * build on an OPA that serves anything but the validated revision is refused and OPA is made to
 * reload; an OPA that restarts empty is reloaded and the next scheduled build succeeds; views
 * decided on policies the DPO has replaced are withdrawn while their rebuild cannot run.
 */
class PolicyTrustTests extends GatewayTestSupport {

	static final int GATEWAY_PORT = OpaServer.freePort();

	static final OpaServer OPA = OpaServer.pollingGateway(GATEWAY_PORT);

	static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");

	static final String MAM = "rs-mam-2026-12";

	static final Path POLICIES = PolicyFolders.copy();

	@TestConfiguration
	static class Time {

		@Bean
		@Primary
		MutableClock testClock() {
			return new MutableClock(NOW);
		}

	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		opa(registry, OPA);
		registry.add("server.port", () -> GATEWAY_PORT);
		folders(registry, tempDir());
		TestDatabases.h2(registry);
		registry.add("proportion.opa.binary", () -> OpaServer.binary().toString());
		registry.add("proportion.policies", POLICIES::toString);
		// No background watch: each test shows what a build itself does.
		registry.add("proportion.policies.check-interval", () -> "3600000");
		// A failed build is tried again a second after it failed (30 s in production).
		registry.add("proportion.schedule.retry-backoff", () -> "1s");
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
	PackRepository packs;

	@Autowired
	DecisionLog decisionLog;

	@Autowired
	AccessLinks links;

	@Autowired
	LiveBundle live;

	@Autowired
	PackScheduler scheduler;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ObjectMapper json;

	@Autowired
	PolicyLoader loader;

	@Autowired
	MutableClock clock;

	@BeforeEach
	void samples() {
		intake.fromFile("outreach/outreach-caseload.csv", sample("outreach/outreach-caseload.csv"));
		awaitOpaServingTheValidatedBundle();
	}

	ResponseEntity<String> build(String meeting) {
		return rest.withBasicAuth("admin", "admin-test").postForEntity("/api/meetings/{m}/packs", null, String.class, meeting);
	}

	String servedRevision() {
		JsonNode bundles = readTree(OPA.call("GET", "/v1/data/system/bundles", null, true).body()).path("result");
		return bundles.path("proportion").path("manifest").path("revision").asText(null);
	}

	void awaitOpaServingTheValidatedBundle() {
		await(() -> live.revision() != null && live.revision().equals(servedRevision()), "OPA serves the validated bundle");
	}

	@Test
	void opaRefusesAWriteWithoutTheTokenAndAWriteUnderThePoliciesEvenWithIt() throws Exception {
		// The attack from the issue: an empty transforms document, so the police see everything.
		var anonymous = OPA.call("PUT", "/v1/data/proportion/sharing/transforms", "{}", false);
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(OPA.call("GET", "/v1/data/proportion/sharing", null, false).statusCode()).isEqualTo(401);
		var withToken = OPA.call("PUT", "/v1/data/proportion/sharing/transforms", "{}", true);
		assertThat(withToken.statusCode()).isEqualTo(400);
		assertThat(withToken.body()).contains("owned by bundle");

		assertThat(build(MAM).getStatusCode()).isIn(HttpStatus.CREATED, HttpStatus.OK);
		JsonNode police = readTree(rest.getForObject("/v/{t}/json", String.class, links.issue(MAM, "mam-police")));
		String woman = police.path("cases").get(0).toString();
		assertThat(woman).contains("25-34", "Northgate area").doesNotContain("1992-03-14", "14/03/1992", "old cinema");
	}

	@Test
	void aRevisionChangedBehindTheGatewaysBackRefusesTheNextBuildAndOpaIsReloaded() {
		int released = packs.releasedCount(MAM);
		String validated = live.revision();
		// Someone with the token rewrites what OPA says it serves.
		var tamper = OPA.call("PUT", "/v1/data/system/bundles/proportion/manifest/revision", "\"tampered\"", true);
		assertThat(tamper.statusCode()).isEqualTo(204);
		assertThat(servedRevision()).isEqualTo("tampered");

		ResponseEntity<String> refused = build(MAM);
		assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(readTree(refused.getBody()).path("code").asText()).isEqualTo("policy_revision_mismatch");
		assertThat(refused.getBody()).contains("does not serve the validated policies").doesNotContain("Agnieszka");
		assertThat(packs.releasedCount(MAM)).isEqualTo(released);

		// The refusal made OPA's next poll reload the validated bundle; the next build is released.
		await(() -> validated.equals(servedRevision()), "OPA reloaded the validated bundle");
		ResponseEntity<String> next = build(MAM);
		assertThat(next.getStatusCode()).isIn(HttpStatus.CREATED, HttpStatus.OK);
		// A new version, or (nothing having changed) the live pack confirmed by the validated policies.
		assertThat(readTree(next.getBody()).path("released").asBoolean()).isTrue();
		assertThat(packs.releasedCount(MAM)).isEqualTo(
				readTree(next.getBody()).path("unchanged").asBoolean() ? Math.max(released, 1) : released + 1);
		assertThat(decisionLog.verify().valid()).isTrue();
	}

	@Test
	void opaRestartedEmptyIsReloadedAndTheNextScheduledBuildSucceeds() {
		schedule("after-restart", LocalDateTime.ofInstant(NOW, ZoneOffset.UTC).plusHours(2));
		OPA.kill();
		OPA.restart();
		scheduler.tick();
		assertThat(packs.releasedCount("after-restart")).isEqualTo(1);
		String revision = jdbc.sql("select policy_revision from pack where meeting_id = 'after-restart' and status = 'released'")
			.query(String.class)
			.single();
		assertThat(revision).isEqualTo("bundle:" + live.revision().substring(0, 16));
		assertThat(servedRevision()).isEqualTo(live.revision());
	}

	@Test
	void aPolicyTighteningThatCannotBeAppliedWithdrawsTheOpenViewsUntilTheRetryAppliesIt() throws Exception {
		LocalDateTime now = LocalDateTime.ofInstant(NOW, ZoneOffset.UTC);
		schedule("started", now.minusHours(2));
		schedule("upcoming", now.plusHours(2));
		assertThat(build("started").getStatusCode()).isIn(HttpStatus.CREATED, HttpStatus.OK);
		scheduler.tick();
		assertThat(packs.releasedCount("upcoming")).isEqualTo(1);
		String before = live.revision();
		Map<String, String> firstPacks = new java.util.HashMap<>();
		for (String meeting : List.of("started", "upcoming")) {
			assertThat(housingStatusActions(meeting)).as(meeting).containsExactly("share", "share");
			firstPacks.put(meeting, packs.latestReleasedId(meeting).orElseThrow());
		}

		// The DPO tightens the policies while OPA is down: police at rough sleeping meetings no
		// longer see a person's housing status. The rebuild the change triggers fails, and until
		// a rebuild on the new policies succeeds no link opens what the old ones decided.
		Path needs = POLICIES.resolve("proportion/sharing/data.json");
		String loose = Files.readString(needs);
		String policeNeeds = String.join("\n", "        \"police_officer\": [", "          \"identifier\",",
				"          \"demographic\",", "          \"location\",", "          \"housing_status\",",
				"          \"free_text\"", "        ],");
		assertThat(loose).containsOnlyOnce(policeNeeds);
		OPA.stop();
		try {
			Files.writeString(needs, loose.replace(policeNeeds, policeNeeds.replace("\n          \"housing_status\",", "")));
			loader.check();
			assertThat(loader.status().refusal()).isNull();
			assertThat(live.revision()).isNotEqualTo(before);
			for (String meeting : List.of("started", "upcoming")) {
				assertThat(packs.latestPack(meeting)).hasValueSatisfying(p -> assertThat(p.get("status")).isEqualTo("failed"));
				ResponseEntity<String> withdrawn = policeView(meeting);
				assertThat(withdrawn.getStatusCode()).as(meeting).isEqualTo(HttpStatus.NOT_FOUND);
				assertThat(withdrawn.getBody()).as(meeting).doesNotContain("rough_sleeping", "Nogueira");
			}
			// A schedule run while OPA is still down fails again and opens nothing either.
			scheduler.tick();
			assertThat(policeView("started").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
			// The decision log says when each view was taken back and why, once (the second run
			// found nothing left to take back), on the policies it had been decided on.
			for (String meeting : List.of("started", "upcoming")) {
				assertThat(Packs.withdrawals(decisionLog, firstPacks.get(meeting))).as(meeting)
					.singleElement()
					.satisfies(e -> {
						assertThat(e.attendeeId()).isEqualTo(meeting + "-police");
						assertThat(e.attendeeRole()).isEqualTo("police_officer");
						assertThat(e.caseRef()).isNull();
						assertThat(e.decision().rule()).isEqualTo("withdrawn.policies_replaced");
						assertThat(e.decision().purpose()).isEqualTo("rough_sleeping_response");
						assertThat(e.decision().reason()).contains("policies the DPO has since replaced");
						assertThat(e.policyRevision()).isEqualTo("bundle:" + before.substring(0, 16));
					});
			}
		}
		finally {
			OPA.restart();
		}

		// The scheduler retries both once the backoff has passed (real time since the failure, not
		// the meeting calendar's clock), the started meeting too, since its views are still open.
		clock.set(NOW.plus(Duration.ofMinutes(15)));
		await(() -> scheduler.retryableMeetings().containsAll(List.of("started", "upcoming")), "both retryable");
		scheduler.tick();
		for (String meeting : List.of("started", "upcoming")) {
			assertThat(packs.releasedCount(meeting)).as(meeting).isEqualTo(2);
			assertThat(packs.latestPack(meeting)).hasValueSatisfying(p -> {
				assertThat(p.get("status")).isEqualTo("released");
				assertThat(p.get("policy_revision")).isEqualTo("bundle:" + live.revision().substring(0, 16));
			});
			// The same link opens again, decided on the tightened policies.
			assertThat(housingStatusActions(meeting)).as(meeting)
				.hasSize(2)
				.allSatisfy(a -> assertThat(a).isNotEqualTo("share"));
		}
		// Nothing more to do: the next tick builds nothing.
		scheduler.tick();
		assertThat(packs.releasedCount("started")).isEqualTo(2);
		assertThat(decisionLog.verify().valid()).isTrue();
	}

	ResponseEntity<String> policeView(String meeting) {
		return rest.getForEntity("/v/{t}/json", String.class, links.issue(meeting, meeting + "-police"));
	}

	// What the police attendee's view does with each case's housing status, case by case.
	List<String> housingStatusActions(String meeting) {
		ResponseEntity<String> view = policeView(meeting);
		assertThat(view.getStatusCode()).as(meeting).isEqualTo(HttpStatus.OK);
		return Packs.cases(readTree(view.getBody())).stream().map(c -> Packs.actions(c).get("housing_status")).toList();
	}

	void schedule(String id, LocalDateTime startsAt) {
		Map<String, Object> meeting = Map.of("id", id, "title", "Trust meeting " + id, "type", "rough_sleeping_mam",
				"purpose", "rough_sleeping_response", "startsAt", startsAt.toString(), "cohort", "rough_sleeping",
				"agenda", List.of("outreach:OR-1001", "outreach:OR-1002"), "attendees",
				List.of(Map.of("id", id + "-police", "name", "Attendee " + id, "role", "police_officer", "organisationId",
						"police")));
		assertThat(rest.withBasicAuth("admin", "admin-test").postForEntity("/api/meetings", meeting, String.class)
			.getStatusCode()).isEqualTo(HttpStatus.CREATED);
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
		Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
		while (!condition.getAsBoolean()) {
			if (Instant.now().isAfter(deadline)) {
				throw new AssertionError("Timed out waiting until " + what);
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError(ex);
			}
		}
	}

}
