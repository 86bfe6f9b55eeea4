package org.proportion.ingest;

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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.proportion.support.OpaServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway as its own process, on its embedded database, killed with SIGKILL (kill -9) while
 * it takes in a batch of large drops, then started again: every drop ends stored whole or parked
 * with its reason, none half stored, none left behind.
 */
class GatewayKilledMidIntakeTests {

	static final int DROPS = 4;

	static final int RECORDS = 4000;

	@TempDir
	Path home;

	int port = OpaServer.freePort();

	Process start() throws IOException {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-cp", System.getProperty("java.class.path"), "org.proportion.ProportionApplication",
				"--proportion.home=" + home, "--proportion.routes=" + OpaServer.projectDir().resolve("routes"),
				"--server.port=" + port, "--proportion.opa.url=" + OpaServer.shared().url(),
				"--proportion.opa.token=" + OpaServer.shared().token(),
				"--proportion.policies=" + OpaServer.projectDir().resolve("policies"),
				"--proportion.opa.binary=" + OpaServer.projectDir().resolve(".tools/bin/opa"),
				"--proportion.redaction.models=" + OpaServer.projectDir().resolve(".tools/models"),
				"--proportion.partnership=classpath:samples/partnership.json",
				"--proportion.security.admin-password=admin-test", "--proportion.security.dpo-password=dpo-test",
				"--proportion.schedule.cron=0 0 0 1 1 ? 2099", "--logging.level.root=WARN"));
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(home.resolve("gateway.log").toFile())
			.start();
		awaitUp(process);
		return process;
	}

	void awaitUp(Process process) {
		HttpClient http = HttpClient.newHttpClient();
		// Generous: a loaded CI machine can take a minute or two to start a JVM with the NLP models.
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
		while (System.nanoTime() < deadline) {
			assertThat(process.isAlive()).as("the gateway is running").isTrue();
			try {
				http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v/x")).timeout(Duration.ofSeconds(1))
					.build(), HttpResponse.BodyHandlers.discarding());
				return;
			}
			catch (IOException ex) {
				sleep(200);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
		throw new AssertionError("the gateway did not start");
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

	static String export(int drop) {
		StringBuilder csv = new StringBuilder("client_id,full_name,dob,sex,nationality,status,needs\n");
		for (int i = 0; i < RECORDS; i++) {
			csv.append("OR-K").append(drop).append('-').append(i).append(",Killed Person ").append(i)
				.append(",01/02/1990,Female,British,rough_sleeping,benefits\n");
		}
		return csv.toString();
	}

	List<Path> files(Path root, String suffix) throws IOException {
		if (!Files.isDirectory(root)) {
			return List.of();
		}
		try (Stream<Path> walk = Files.walk(root)) {
			return walk.filter(f -> f.getFileName().toString().endsWith(suffix)).toList();
		}
	}

	@Test
	void killedMidIntakeAndRestartedEveryDropIsStoredWholeOrParked() throws Exception {
		Process gateway = start();
		Path inbox = Files.createDirectories(home.resolve(".data/inbox/outreach"));
		for (int d = 0; d < DROPS; d++) {
			Path partial = inbox.resolve(".k" + d + ".part");
			Files.writeString(partial, export(d), StandardCharsets.UTF_8);
			Files.move(partial, inbox.resolve("kill-" + d + ".csv"));
		}
		// Kill it once it is busy: the first drop taken in, the rest not yet.
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
		try {
			while (files(home.resolve(".data/archive"), ".csv").isEmpty()) {
				assertThat(System.nanoTime()).as("the first drop taken in").isLessThan(deadline);
				sleep(20);
			}
		}
		finally {
			gateway.destroyForcibly().waitFor();
		}
		int leftAfterKill = files(inbox, ".csv").size();

		gateway = start();
		try {
			deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
			while (!files(inbox, ".csv").isEmpty()) {
				assertThat(System.nanoTime()).as("every drop taken in after the restart").isLessThan(deadline);
				sleep(200);
			}
			sleep(1000);
		}
		finally {
			gateway.destroy();
			gateway.waitFor(30, TimeUnit.SECONDS);
		}
		assertThat(leftAfterKill).as("the kill came while drops were waiting").isPositive();

		Path db = home.resolve(".data/db/proportion");
		String password = Files.readString(db.resolveSibling("proportion.credential")).strip();
		List<Path> reasons = files(home.resolve(".data/dead-letter"), ".reason.json");
		try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + db, "PROPORTION", password)) {
			for (int d = 0; d < DROPS; d++) {
				int stored;
				try (PreparedStatement s = c.prepareStatement("select count(*) from case_record where agency_ref like ?")) {
					s.setString(1, "OR-K" + d + "-%");
					try (ResultSet rs = s.executeQuery()) {
						rs.next();
						stored = rs.getInt(1);
					}
				}
				String name = "kill-" + d + ".csv";
				boolean parked = reasons.stream().anyMatch(r -> r.getFileName().toString().endsWith(name + ".reason.json"));
				assertThat(stored == RECORDS || stored == 0 && parked).as(name + ": stored " + stored + ", parked " + parked)
					.isTrue();
			}
		}
	}

}
