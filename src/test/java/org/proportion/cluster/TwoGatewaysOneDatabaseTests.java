package org.proportion.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.proportion.support.KafkaBroker;
import org.proportion.support.OpaServer;
import org.proportion.support.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two gateways as two processes on one PostgreSQL schema, reading the agencies' Kafka topics as
 * one consumer group from a real broker (KRaft, in this JVM), deciding with the real OPA, with the
 * schedule firing every two seconds on both. 10,000 records are sent across two agencies while both
 * run; half way through, the gateway holding the schedule's lock is killed with kill -9 and then
 * started again. Afterwards: every record is stored once, every message taken in once, every
 * meeting's pack released once per change (no two releases alike, no failed builds), every
 * attendee message sent once (the two mailboxes together), a link sent by one gateway opens on the
 * other, and the decision log is one chain that verifies on both.
 */
@org.junit.jupiter.api.Tag("cluster")
class TwoGatewaysOneDatabaseTests {

	static final int RECORDS = Integer.getInteger("proportion.cluster-test.records", 10_000);

	static final int PER_MESSAGE = 50;

	static final int MEETINGS = 4;

	static final int AGENDA_PER_AGENCY = 12;

	static final String[][] ATTENDEES = { { "c-outreach", "outreach_worker", "outreach" },
			{ "c-housing", "housing_options_officer", "housing-options" }, { "c-police", "police_officer", "police" },
			{ "c-health", "health_practitioner", "health" } };

	static final KafkaBroker BROKER = KafkaBroker.start();

	/** Where each gateway's log is kept after the run (its home is a temporary folder). */
	static final Path KEPT = OpaServer.projectDir().resolve("target/cluster-logs");

	@TempDir
	Path dir;

	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	final ObjectMapper json = new ObjectMapper();

	final String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

	@AfterAll
	static void stopBroker() {
		BROKER.close();
	}

	/** One gateway: its own home (drops, mailbox, log anchor), the shared database, broker and OPA. */
	final class Gateway {

		final String name;

		final int port = OpaServer.freePort();

		final Path home;

		Process process;

		Gateway(String name) throws IOException {
			this.name = name;
			this.home = Files.createDirectories(dir.resolve(name));
		}

		void start() throws IOException {
			Path project = OpaServer.projectDir();
			List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
					"-Xmx1g", "-cp", System.getProperty("java.class.path"), "org.proportion.ProportionApplication",
					"--proportion.home=" + home, "--proportion.routes=" + project.resolve("routes"),
					"--proportion.redaction.models=" + project.resolve(".tools/models"),
					"--proportion.policies=" + project.resolve("policies"),
					"--proportion.opa.binary=" + project.resolve(".tools/bin/opa"), "--server.port=" + port,
					"--server.address=127.0.0.1", "--proportion.opa.url=" + OpaServer.shared().url(),
					"--proportion.opa.token=" + OpaServer.shared().token(), "--proportion.policies.manage=false",
					"--proportion.partnership=classpath:samples/partnership.json",
					"--proportion.security.admin-password=admin-test", "--proportion.security.dpo-password=dpo-test",
					"--spring.datasource.url=" + databaseUrl(),
					"--spring.datasource.username=" + user(), "--spring.datasource.password=" + password(),
					"--spring.flyway.schemas=" + schema, "--spring.flyway.default-schema=" + schema,
					"--proportion.kafka.bootstrap-servers=" + BROKER.bootstrapServers(),
					"--proportion.kafka.group-id=cluster-test", "--proportion.kafka.metadata-max-age-ms=1000",
					// A dead member's partitions go to the live one after 10 s, not the default 45 s.
					"--camel.component.kafka.session-timeout-ms=10000", "--camel.component.kafka.heartbeat-interval-ms=2000",
					"--proportion.cluster.instance-name=" + name, "--proportion.cluster.lease=6s",
					"--proportion.schedule.cron=0/2 * * * * ?", "--logging.level.root=WARN",
					// What a failure needs to be read from the log: locks, schedule runs, builds, policy checks.
					"--logging.level.org.proportion.cluster=INFO", "--logging.level.org.proportion.schedule=INFO",
					"--logging.level.org.proportion.pack=INFO", "--logging.level.org.proportion.policy=INFO"));
			process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("gateway.log").toFile()))
				.start();
		}

		void awaitUp() {
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
			while (System.nanoTime() < deadline) {
				assertThat(process.isAlive()).as(name + " is running").isTrue();
				try {
					// Camel's REST routes come after the web server: the build path says 405 (POST only) once up.
					int status = http.send(request(this, "/api/meetings/x/packs", "admin").GET().build(),
							HttpResponse.BodyHandlers.discarding()).statusCode();
					if (status != 404) {
						return;
					}
				}
				catch (IOException ex) {
					// not listening yet
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException(ex);
				}
				sleep(300);
			}
			throw new AssertionError(name + " did not start");
		}

		/**
		 * Copies the gateway's log (both runs, before and after a kill) to
		 * {@code target/cluster-logs/<name>.log}: the home is a temporary folder the test's end
		 * deletes, and a failure can only be read from these logs.
		 */
		void keepLog() {
			Path log = home.resolve("gateway.log");
			try {
				if (Files.exists(log)) {
					Files.createDirectories(KEPT);
					Files.copy(log, KEPT.resolve(name + ".log"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
				}
			}
			catch (IOException ex) {
				System.out.println("cluster test: the log of " + name + " could not be kept: " + ex.getClass().getSimpleName());
			}
		}

		/** The gateway's threads now (jcmd Thread.print), into target/cluster-logs: what a stuck run waits on. */
		void keepThreads() {
			if (process == null || !process.isAlive()) {
				return;
			}
			try {
				Files.createDirectories(KEPT);
				Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
						Long.toString(process.pid()), "Thread.print").redirectErrorStream(true)
					.redirectOutput(KEPT.resolve(name + ".threads.txt").toFile())
					.start();
				jcmd.waitFor(60, TimeUnit.SECONDS);
			}
			catch (IOException ex) {
				System.out.println("cluster test: no thread dump of " + name + ": " + ex.getClass().getSimpleName());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		void kill() throws InterruptedException {
			process.destroyForcibly().waitFor(); // SIGKILL: kill -9
		}

		void stop() throws InterruptedException {
			if (process != null && process.isAlive()) {
				process.destroy();
				if (!process.waitFor(60, TimeUnit.SECONDS)) {
					process.destroyForcibly().waitFor();
				}
			}
		}

	}

	String databaseUrl() {
		String url = System.getenv(TestDatabases.POSTGRES_URL_ENV);
		if (url == null || url.isBlank()) {
			throw new IllegalStateException(TestDatabases.POSTGRES_URL_ENV + " is not set: run with ./proportion test");
		}
		return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
	}

	static String user() {
		return System.getenv().getOrDefault("PROPORTION_TEST_POSTGRES_USER", "proportion");
	}

	static String password() {
		return System.getenv().getOrDefault("PROPORTION_TEST_POSTGRES_PASSWORD", "proportion");
	}

	HttpRequest.Builder request(Gateway gateway, String path, String user) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port + path))
			.timeout(Duration.ofMinutes(3));
		if (user != null) {
			request.header("Authorization", "Basic " + Base64.getEncoder()
				.encodeToString((user + ":" + user + "-test").getBytes(StandardCharsets.UTF_8)));
		}
		return request;
	}

	static String outreachRef(int i) {
		return String.format(Locale.ROOT, "OR-C%05d", i);
	}

	static String dayCentreRef(int i) {
		return String.format(Locale.ROOT, "DC-C%05d", i);
	}

	/** The messages: half the records from outreach (CSV), half from the day centre (JSON), in batches. */
	List<ProducerRecord<String, byte[]>> messages() throws IOException {
		List<ProducerRecord<String, byte[]>> messages = new ArrayList<>();
		int perAgency = RECORDS / 2;
		for (int start = 0; start < perAgency; start += PER_MESSAGE) {
			StringBuilder csv = new StringBuilder("client_id,full_name,dob,sex,nationality,status,needs\n");
			List<Map<String, Object>> records = new ArrayList<>();
			for (int i = start; i < Math.min(perAgency, start + PER_MESSAGE); i++) {
				csv.append(outreachRef(i)).append(",Cluster Person ").append(i)
					.append(",01/02/1990,Female,British,rough_sleeping,benefits\n");
				records.add(Map.of("clientRef", dayCentreRef(i), "name", "Centre Person " + i, "supportNeeds",
						List.of("benefits")));
			}
			messages.add(new ProducerRecord<>("proportion.intake.outreach", "o" + start,
					csv.toString().getBytes(StandardCharsets.UTF_8)));
			messages.add(new ProducerRecord<>("proportion.intake.day-centre", "d" + start, json.writeValueAsBytes(records)));
		}
		return messages;
	}

	String meeting(int k) throws IOException {
		List<Map<String, Object>> attendees = new ArrayList<>();
		for (String[] a : ATTENDEES) {
			attendees.add(Map.of("id", a[0] + "-" + k, "name", "Attendee " + a[0], "role", a[1], "organisationId", a[2],
					"email", a[0] + "-" + k + "@example.org"));
		}
		List<String> agenda = new ArrayList<>();
		int perAgency = RECORDS / 2;
		int step = perAgency / AGENDA_PER_AGENCY;
		for (int j = 0; j < AGENDA_PER_AGENCY; j++) {
			// Spread over the whole run, so each meeting changes while the records arrive.
			int i = Math.min(perAgency - 1, j * step + k * 7);
			agenda.add("outreach:" + outreachRef(i));
			agenda.add("day-centre:" + dayCentreRef(i));
		}
		return json.writeValueAsString(Map.of("id", "cluster-" + k, "title", "Cluster meeting " + k, "type",
				"rough_sleeping_mam", "purpose", "rough_sleeping_response", "startsAt",
				LocalDateTime.now().plusHours(10).withNano(0).toString(), "cohort", "rough_sleeping", "organiserEmail",
				"organiser@council.example", "agenda", agenda, "attendees", attendees));
	}

	@Test
	void twoGatewaysTakeInTenThousandRecordsThroughAKillAndBuildAndSendEachChangeOnce() throws Exception {
		try (Connection db = DriverManager.getConnection(System.getenv(TestDatabases.POSTGRES_URL_ENV), user(), password());
				Statement s = db.createStatement()) {
			s.execute("create schema " + schema);
		}
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER.bootstrapServers()))) {
			admin.createTopics(List.of(new NewTopic("proportion.intake.outreach", 2, (short) 1),
					new NewTopic("proportion.intake.day-centre", 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
		}
		Gateway a = new Gateway("a");
		Gateway b = new Gateway("b");
		try (Connection db = DriverManager.getConnection(databaseUrl(), user(), password())) {
			a.start();
			b.start();
			a.awaitUp();
			b.awaitUp();
			for (int k = 0; k < MEETINGS; k++) {
				HttpRequest add = request(k % 2 == 0 ? a : b, "/api/meetings", "admin").header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString(meeting(k))).build();
				HttpResponse<String> added = http.send(add, HttpResponse.BodyHandlers.ofString());
				// The routes answer before the partnership file is registered (its organisations unknown till then).
				for (int tries = 0; added.body().contains("unknown_organisation") && tries < 300; tries++) {
					sleep(200);
					added = http.send(add, HttpResponse.BodyHandlers.ofString());
				}
				assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
			}

			List<ProducerRecord<String, byte[]>> messages = messages();
			long started = System.nanoTime();
			System.out.printf(Locale.ROOT, "cluster test: both gateways up, sending %d messages%n", messages.size());
			try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig(), new StringSerializer(),
					new ByteArraySerializer())) {
				for (ProducerRecord<String, byte[]> message : messages) {
					producer.send(message);
				}
				producer.flush();
			}

			// Half way: kill -9 whichever gateway runs the schedule now (the other if none), then restart it.
			long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
			while (count(db, "select count(*) from case_record") < RECORDS / 2) {
				assertThat(System.nanoTime()).as("half the records stored").isLessThan(deadline);
				sleep(100);
			}
			String holder = scheduleHolder(db);
			Gateway victim = holder != null && holder.startsWith("a-") ? a : b;
			long storedAtKill = count(db, "select count(*) from case_record");
			System.out.printf(Locale.ROOT, "cluster test: %d s, killing %s at %d records stored%n",
					(System.nanoTime() - started) / 1_000_000_000L, victim.name, storedAtKill);
			victim.kill();
			sleep(1000);
			victim.start();

			// Both at work again; wait for every record, then for the packs and messages to settle.
			deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(8);
			long lastReport = 0;
			while (count(db, "select count(*) from case_record") < RECORDS || !settled(db)) {
				assertThat(System.nanoTime()).as("every record stored and every meeting built after it").isLessThan(deadline);
				if (System.nanoTime() - lastReport > TimeUnit.SECONDS.toNanos(15)) {
					lastReport = System.nanoTime();
					System.out.printf(Locale.ROOT, "cluster test: %d s, %d records stored, %d packs released, %d failed%n",
							(System.nanoTime() - started) / 1_000_000_000L, count(db, "select count(*) from case_record"),
							count(db, "select count(*) from pack where status = 'released'"),
							count(db, "select count(*) from pack where status <> 'released'"));
				}
				sleep(1000);
			}
			long takenMs = (System.nanoTime() - started) / 1_000_000;
			victim.awaitUp();
			long builds = builds(a) + builds(b);
			sleep(5000); // a few more schedule runs: nothing more may be built or sent
			assertThat(settled(db)).isTrue();
			assertThat(builds(a) + builds(b)).as("builds after every meeting settled (none: nothing changed)")
				.isEqualTo(builds);
			System.out.printf(Locale.ROOT, "cluster test: %d records, killed %s at %d stored, settled after %d ms%n",
					RECORDS, victim.name, storedAtKill, takenMs);
			assertThat(storedAtKill).as("killed while records were still arriving").isLessThan(RECORDS);

			// Nothing lost, nothing stored twice.
			assertThat(count(db, "select count(*) from case_record")).isEqualTo(RECORDS);
			assertThat(count(db, "select count(distinct agency_ref) from case_record")).isEqualTo(RECORDS);
			assertThat(count(db, "select count(*) from intake_batch")).as("each message taken in once")
				.isEqualTo(messages.size());
			assertThat(parked(a) + parked(b)).as("nothing parked").isZero();

			// Each meeting built once per change: no failed builds, no two releases alike, the last one whole.
			for (int k = 0; k < MEETINGS; k++) {
				String meeting = "cluster-" + k;
				assertThat(count(db, "select count(*) from pack where meeting_id = '" + meeting + "' and status <> 'released'"))
					.as(meeting + " failed builds").isZero();
				List<String> fingerprints = strings(db,
						"select fingerprint from pack where meeting_id = '" + meeting + "' order by version");
				assertThat(fingerprints).as(meeting + " releases").isNotEmpty().doesNotHaveDuplicates();
				String last = strings(db, "select id from pack where meeting_id = '" + meeting
						+ "' order by version desc limit 1").get(0);
				assertThat(count(db, "select count(distinct case_ref) from decision_log where pack_id = '" + last + "'"))
					.as(meeting + " last pack decides every agenda case").isEqualTo(AGENDA_PER_AGENCY * 2L);
			}

			// Every message sent once: all sent, one per changed view, one mail between both mailboxes.
			assertThat(count(db, "select count(*) from delivery where status <> 'sent'")).as("messages not sent").isZero();
			assertThat(count(db, "select count(*) from (select pack_id, attendee_id from delivery group by pack_id, attendee_id having count(*) > 1) d"))
				.isZero();
			Map<String, Integer> mails = new HashMap<>();
			Map<String, String> sentBy = new HashMap<>();
			for (Gateway g : List.of(a, b)) {
				for (Path mail : files(g.home.resolve(".data/mailbox"))) {
					mails.merge(mail.getFileName().toString(), 1, Integer::sum);
					sentBy.put(mail.getFileName().toString(), g.name);
				}
			}
			assertThat(mails).as("mails per delivery id, both mailboxes").allSatisfy((id, n) -> assertThat(n).isOne());
			assertThat((long) mails.size()).isEqualTo(count(db, "select count(*) from delivery"));

			// A link sent by one gateway opens on the other: each attendee's latest (earlier ones were superseded).
			List<String> latest = strings(db, "select max(id) from delivery group by meeting_id, attendee_id");
			assertThat(latest).hasSize(MEETINGS * ATTENDEES.length);
			Set<String> senders = new HashSet<>();
			for (String id : latest) {
				String sender = sentBy.get(id + ".txt");
				Gateway from = sender.equals("a") ? a : b;
				Gateway other = from == a ? b : a;
				Matcher link = Pattern.compile("/v/([A-Za-z0-9_-]+)")
					.matcher(Files.readString(from.home.resolve(".data/mailbox/" + id + ".txt")));
				assertThat(link.find()).isTrue();
				HttpResponse<String> view = http.send(request(other, "/v/" + link.group(1), null).GET().build(),
						HttpResponse.BodyHandlers.ofString());
				assertThat(view.statusCode()).as("a link sent by " + from.name + " opened on " + other.name).isEqualTo(200);
				senders.add(from.name);
			}

			// One chain, written by two JVMs, that verifies on both.
			for (Gateway g : List.of(a, b)) {
				HttpResponse<String> response = http.send(request(g, "/api/decision-log/verification", "dpo").GET().build(),
						HttpResponse.BodyHandlers.ofString());
				JsonNode verification = json.readTree(response.body());
				assertThat(verification.path("valid").asBoolean()).as(g.name + ": " + verification).isTrue();
				assertThat(verification.path("entries").asLong()).isPositive();
			}
			assertThat(strings(db, "select distinct substring(owner_id from 1 for 1) from cluster_lock where lock_name like 'pack-build:%'"))
				.as("lock rows were taken by the gateways").isNotEmpty();
		}
		catch (Exception | AssertionError ex) {
			for (Gateway g : List.of(a, b)) {
				g.keepThreads();
			}
			for (Gateway g : List.of(a, b)) {
				Path log = g.home.resolve("gateway.log");
				if (Files.exists(log)) {
					List<String> lines = Files.readAllLines(log);
					System.out.println("---- " + g.name + " (last lines; synthetic data only; whole log in " + KEPT.resolve(g.name + ".log") + ")");
					lines.subList(Math.max(0, lines.size() - 60), lines.size()).forEach(System.out::println);
				}
			}
			try {
				report(Files.createDirectories(KEPT).resolve("database.txt"));
			}
			catch (Exception reportFailed) {
				System.out.println("cluster test: the database could not be read for the report: " + reportFailed);
			}
			throw ex;
		}
		finally {
			a.stop();
			b.stop();
			a.keepLog();
			b.keepLog();
			try (Connection db = DriverManager.getConnection(System.getenv(TestDatabases.POSTGRES_URL_ENV), user(), password());
					Statement s = db.createStatement()) {
				s.execute("drop schema " + schema + " cascade");
			}
		}
	}

	/**
	 * After a failure: every build that did not release (pack rows not released, with their
	 * failure code and the fail-closed reason the decision log holds), the last release of each
	 * meeting, the cluster's lock rows and the outbox by status, printed and written to a file.
	 * Meeting ids, codes, reasons and times only: no case's data.
	 */
	void report(Path file) throws Exception {
		List<String> lines = new ArrayList<>();
		try (Connection db = DriverManager.getConnection(databaseUrl(), user(), password())) {
			lines.add("now " + java.time.Instant.now());
			lines.add("-- builds not released (id, status, built_at, failure_code, fail-closed reason)");
			lines.addAll(rows(db, """
					select p.id, p.status, p.built_at, p.failure_code,
					    (select min(l.reason) from decision_log l where l.pack_id = p.id and l.rule_id = 'gateway.fail_closed')
					from pack p where p.status <> 'released' order by p.built_at"""));
			lines.add("-- last release per meeting (meeting, version, built_at)");
			lines.addAll(rows(db, "select meeting_id, max(version), max(built_at) from pack where status = 'released' group by meeting_id order by meeting_id"));
			lines.add("-- releases per meeting in order (id, built_at, policy_revision)");
			lines.addAll(rows(db, "select id, built_at, policy_revision from pack where status = 'released' order by meeting_id, version"));
			lines.add("-- cluster locks (name, owner, expires_at_ms, acquired_at_ms; now " + System.currentTimeMillis() + ")");
			lines.addAll(rows(db, "select lock_name, owner_id, expires_at_ms, acquired_at_ms from cluster_lock order by lock_name"));
			lines.add("-- outbox by status");
			lines.addAll(rows(db, "select status, count(*) from delivery group by status"));
			lines.add("-- records stored, last stored");
			lines.addAll(rows(db, "select count(*), max(updated_at) from case_record"));
		}
		System.out.println("---- database (also in " + file + ")");
		lines.forEach(System.out::println);
		Files.write(file, lines);
	}

	static List<String> rows(Connection db, String sql) throws Exception {
		List<String> rows = new ArrayList<>();
		try (PreparedStatement s = db.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
			int columns = rs.getMetaData().getColumnCount();
			while (rs.next()) {
				List<String> row = new ArrayList<>();
				for (int c = 1; c <= columns; c++) {
					row.add(String.valueOf(rs.getObject(c)));
				}
				rows.add("  " + String.join(" | ", row));
			}
		}
		return rows;
	}

	Properties producerConfig() {
		Properties config = new Properties();
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER.bootstrapServers());
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
		return config;
	}

	/**
	 * Every agenda record is stored and each meeting's last release was built from all of them
	 * (each record is sent once, so none is newer than a pack that holds it), and the outbox is
	 * empty. Not the last release's build time against the records' times: a record is stamped
	 * before its intake commits, so a pack can hold a record stamped after the pack's build began.
	 */
	boolean settled(Connection db) throws Exception {
		for (int k = 0; k < MEETINGS; k++) {
			List<String> refs = new ArrayList<>();
			for (JsonNode ref : json.readTree(meeting(k)).path("agenda")) {
				refs.add("'" + ref.asText().replace("'", "") + "'");
			}
			String agenda = String.join(",", refs);
			List<String> last = strings(db, "select id from pack where meeting_id = 'cluster-" + k
					+ "' and status = 'released' order by version desc fetch first 1 rows only");
			if (count(db, "select count(*) from case_record where case_ref in (" + agenda + ")") < refs.size()
					|| last.isEmpty() || count(db, "select count(*) from decision_log where pack_id = '" + last.get(0)
							+ "' and rule_id = 'gateway.no_record'") > 0) {
				return false;
			}
		}
		return count(db, "select count(*) from delivery where status = 'pending'") == 0;
	}

	/** Builds the gateway has finished, released or unchanged, as its log says (both of its runs). */
	static long builds(Gateway g) throws IOException {
		Path log = g.home.resolve("gateway.log");
		if (!Files.exists(log)) {
			return 0;
		}
		try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
			return lines.filter(l -> l.contains("PackBuilder") && (l.contains(" released: ") || l.contains(" unchanged: ")))
				.count();
		}
	}

	static String scheduleHolder(Connection db) throws Exception {
		List<String> holders = strings(db, "select owner_id from cluster_lock where lock_name = 'schedule' and expires_at_ms > "
				+ System.currentTimeMillis());
		return holders.isEmpty() ? null : holders.get(0);
	}

	static long parked(Gateway g) throws IOException {
		Path deadLetter = g.home.resolve(".data/dead-letter");
		return files(deadLetter).stream().filter(f -> f.getFileName().toString().endsWith(".reason.json")).count();
	}

	static List<Path> files(Path root) throws IOException {
		if (!Files.isDirectory(root)) {
			return List.of();
		}
		try (Stream<Path> walk = Files.walk(root)) {
			return walk.filter(Files::isRegularFile).toList();
		}
	}

	static long count(Connection db, String sql) throws Exception {
		try (PreparedStatement s = db.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
			rs.next();
			return rs.getLong(1);
		}
	}

	static List<String> strings(Connection db, String sql) throws Exception {
		List<String> values = new ArrayList<>();
		try (PreparedStatement s = db.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
			while (rs.next()) {
				values.add(rs.getString(1));
			}
		}
		return values;
	}

	static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
