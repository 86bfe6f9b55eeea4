package org.proportion.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import opennlp.tools.namefind.NameSample;
import opennlp.tools.tokenize.WhitespaceTokenizer;
import org.proportion.access.AccessLinks;
import org.proportion.audit.DecisionLog;
import org.proportion.audit.Verification;
import org.proportion.bench.GcPauses;
import org.proportion.bench.HeapPeaks;
import org.proportion.bench.InProcessGateway;
import org.proportion.ingest.IntakeService;
import org.proportion.model.Attendee;
import org.proportion.model.Meeting;
import org.proportion.pack.BuildTimings;
import org.proportion.pack.NotesOnArrival;
import org.proportion.pack.PackBuilder;
import org.proportion.policy.OpaClient;
import org.proportion.partnership.PartnershipRepository;
import org.proportion.redact.train.TrainingCorpus;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The pack benchmark ({@code ./proportion bench packs|views}). It starts the whole gateway on a
 * fresh embedded database in a temporary folder, against the real OPA server the launcher
 * started, takes in a generated outreach caseload (fixed seed, made-up people, notes of about
 * 130 words from the name finder's corpus generator with a seed other than training's), and
 * registers one rough sleeping meeting. {@code packs} times a first build, a rebuild with nothing
 * changed and a rebuild after one case changed, by phase; {@code views} has 50 readers open
 * their views over loopback for a while, then again while packs are being rebuilt. It prints
 * counts and timings only, never a case's content.
 */
public final class PackBench {

	private static final long SEED = 2027L;

	private static final String MEETING = "bench-mam";

	/** Attendees in the order they join: the six sample roles first, then the other needs. */
	private static final String[][] ROLES = { { "outreach_worker", "outreach" },
			{ "housing_options_officer", "housing-options" }, { "rough_sleeping_coordinator", "housing-options" },
			{ "police_officer", "police" }, { "health_practitioner", "health" }, { "observer", "university" },
			{ "hostel_manager", "hostel" }, { "mental_health_practitioner", "health" },
			{ "substance_use_worker", "drug-alcohol" }, { "adult_social_care_worker", "county-council" },
			{ "childrens_services_social_worker", "county-council" }, { "probation_officer", "probation" } };

	private static final String[] FIRST = { "Alex", "Sam", "Jordan", "Chris", "Jamie", "Morgan", "Kasia", "Tomasz",
			"Aoife", "Ciaran", "Joao", "Ana", "Emeka", "Ngozi", "Mehmet", "Ayse", "Arben", "Elira", "Ruth", "David" };

	private static final String[] LAST = { "Smith", "Jones", "Taylor", "Brown", "Walsh", "Murphy", "Kowalski",
			"Nowicki", "Silva", "Costa", "Okafor", "Adeyemi", "Yilmaz", "Demir", "Hoxha", "Krasniqi", "Evans", "Hughes" };

	private static final String[] NEEDS = { "mental_health", "substance_use", "alcohol", "physical_health",
			"domestic_abuse", "no_recourse_to_public_funds", "learning_disability", "benefits" };

	private static final String[] NATIONALITIES = { "British", "British", "British", "Irish", "Polish", "Portuguese",
			"Nigerian", "Turkish", "Albanian" };

	private static final String[] SITES = { "Doorway by the old cinema, Northgate", "Car park stairwell, Riverside",
			"Underpass near the station, Station Quarter", "Tent on the canal towpath, Canalside" };

	public static void main(String[] args) {
		try {
			run(args);
		}
		catch (Throwable ex) {
			// Synthetic data only, so the failure can be shown whole; the gateway's log is in bench.err.
			ex.printStackTrace(System.out);
			System.exit(1);
		}
	}

	private static void run(String[] args) throws Exception {
		String mode = args.length > 0 ? args[0] : "packs";
		int cases = args.length > 1 ? Integer.parseInt(args[1]) : 200;
		int agenda = args.length > 2 ? Integer.parseInt(args[2]) : cases;
		int attendees = args.length > 3 ? Integer.parseInt(args[3]) : 6;
		if (agenda > cases || attendees < 1 || attendees > ROLES.length) {
			System.err.println("usage: bench packs|views [cases] [agenda <= cases] [attendees 1-" + ROLES.length + "]");
			System.exit(2);
		}
		String opa = InProcessGateway.opaUrl();
		Path home = Files.createTempDirectory("proportion-bench");
		Files.writeString(home.resolve("partnership.json"), partnership());

		System.out.printf(Locale.ROOT, "Generating %d cases (seed %d), %d on the agenda, %d attendees; OPA at %s%n",
				cases, SEED, agenda, attendees, opa);
		List<String> notes = notes(cases);
		ConfigurableApplicationContext context = InProcessGateway.start(home,
				Map.of("proportion.partnership", "file:" + home.resolve("partnership.json"),
						// The intake's routes (records go in through the one intake flow) and the policy
						// check; no schedule, no Kafka or SFTP: nothing but the bench builds or sends.
						"camel.main.routes-include-pattern",
						"file:${proportion.routes}/intake.camel.yaml,file:${proportion.routes}/error-handling.camel.yaml,"
								+ "file:${proportion.routes}/policies.camel.yaml",
						"proportion.redaction.scan-on-arrival", System.getProperty("bench.scanOnArrival", "true"),
						// Why a view was not sent, if one was not (no personal data): in .data/bench.err.
						"logging.level.org.proportion.web", "WARN", "logging.level.org.proportion.access", "WARN"));
		int exit = 0;
		try {
			PackBench bench = new PackBench(context);
			bench.load(cases, agenda, attendees, notes);
			exit = switch (mode) {
				case "views" -> bench.views();
				// The drop alone: its intake time is printed by load(); the notes' background scan is not waited for.
				case "drop" -> 0;
				default -> bench.packs();
			};
		}
		finally {
			context.close();
			deleteQuietly(home);
		}
		System.exit(exit);
	}

	private final ConfigurableApplicationContext context;

	private final PackBuilder builder;

	private final JdbcClient jdbc;

	private final DecisionLog decisionLog;

	private List<String> csvRows = List.of();

	private String[] firstCase;

	private String csvHeader;

	private PackBench(ConfigurableApplicationContext context) {
		this.context = context;
		this.builder = context.getBean(PackBuilder.class);
		this.jdbc = context.getBean(JdbcClient.class);
		this.decisionLog = context.getBean(DecisionLog.class);
	}

	private void load(int cases, int agenda, int attendees, List<String> notes) {
		Random random = new Random(SEED);
		csvHeader = "client_id,full_name,known_as,dob,sex,nationality,phone,sleep_site,status,needs,health,risks,note,"
				+ "consent_purposes,consent_orgs,consent_how,consent_date\n";
		List<String> rows = new ArrayList<>();
		for (int i = 1; i <= cases; i++) {
			String first = FIRST[random.nextInt(FIRST.length)];
			String name = first + " " + LAST[random.nextInt(LAST.length)];
			LocalDate dob = LocalDate.of(1960 + random.nextInt(45), 1 + random.nextInt(12), 1 + random.nextInt(28));
			boolean agreed = random.nextInt(3) > 0;
			List<String> needs = new ArrayList<>();
			for (int n = random.nextInt(3); n >= 0; n--) {
				String need = NEEDS[random.nextInt(NEEDS.length)];
				if (!needs.contains(need)) {
					needs.add(need);
				}
			}
			String[] cells = {String.format(Locale.ROOT, "OR-%05d", i), name, random.nextInt(4) == 0 ? first.substring(0, 3) : "",
					dob.format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy")),
					random.nextBoolean() ? "Male" : "Female", NATIONALITIES[random.nextInt(NATIONALITIES.length)],
					String.format(Locale.ROOT, "07700 9%05d", random.nextInt(100000)), SITES[random.nextInt(SITES.length)],
					random.nextInt(5) == 0 ? "sofa_surfing" : "rough_sleeping", String.join(";", needs),
					random.nextInt(4) == 0 ? "depression" : "", random.nextInt(10) == 0 ? "risk_to_staff" : "",
					notes.get(i - 1), agreed ? "rough_sleeping_response" : "",
					agreed ? "housing-options;health;hostel" : "", agreed ? "Verbal, recorded by outreach worker" : "",
					agreed ? "01/10/2026" : ""};
			if (i == 1) {
				firstCase = cells;
			}
			rows.add(row(cells));
		}
		csvRows = rows;
		IntakeService intake = context.getBean(IntakeService.class);
		long started = System.nanoTime();
		IntakeService.Result result = intake.fromFile("outreach/bench-caseload.csv",
				(csvHeader + String.join("", rows)).getBytes(StandardCharsets.UTF_8));
		System.out.printf(Locale.ROOT, "Intake: %s, %d records in %d ms%n", result.status(), result.records(),
				(System.nanoTime() - started) / 1_000_000);

		List<Attendee> people = new ArrayList<>();
		for (int a = 0; a < attendees; a++) {
			people.add(new Attendee("bench-" + a, "Attendee " + (a + 1), ROLES[a][0], ROLES[a][1]));
		}
		List<String> refs = new ArrayList<>();
		Map<String, List<String>> purposes = new LinkedHashMap<>();
		for (int i = 1; i <= agenda; i++) {
			String ref = String.format(Locale.ROOT, "outreach:OR-%05d", i);
			refs.add(ref);
			if (i % 20 == 0) {
				purposes.put(ref, List.of("safeguarding_concern"));
			}
		}
		Meeting meeting = new Meeting(MEETING, "Benchmark rough sleeping meeting", "rough_sleeping_mam",
				"rough_sleeping_response", LocalDate.of(2026, 12, 8), "rough_sleeping", people, refs, null, null, null,
				null, purposes, null);
		context.getBean(PartnershipRepository.class).addIfNew(meeting);
	}

	private int packs() {
		System.out.printf(Locale.ROOT, "Gateway heap limit (-Xmx): %d MB, committed at start (-Xms): %d MB; pack build threads: %s%n",
				Runtime.getRuntime().maxMemory() / (1024 * 1024),
				java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getInit() / (1024 * 1024),
				context.getEnvironment().getProperty("proportion.pack.threads", "4"));
		awaitArrivalScans();
		System.out.println("build            total  trends  load policy  scan redact assemble render  store"
				+ "  log entries/rows  views  heap MB fullest/live  OPA asked/cached  verify-log");
		build("first");
		build("unchanged");
		changeOneCase();
		build("one changed");
		long rows = jdbc.sql("select count(*) from decision_log").query(Long.class).single();
		long bytes = jdbc.sql("""
				select coalesce(sum(octet_length(coalesce(meeting_id,'')) + octet_length(coalesce(pack_id,''))
				  + octet_length(coalesce(attendee_id,'')) + octet_length(coalesce(attendee_role,''))
				  + octet_length(coalesce(attendee_org,'')) + octet_length(coalesce(case_ref,''))
				  + octet_length(coalesce(item,'')) + octet_length(coalesce(action,''))
				  + octet_length(coalesce(lawful_basis,'')) + octet_length(coalesce(condition_text,''))
				  + octet_length(coalesce(purpose,'')) + octet_length(coalesce(rule_id,''))
				  + octet_length(coalesce(reason,'')) + octet_length(coalesce(policy_revision,''))
				  + octet_length(coalesce(prev_hash,'')) + octet_length(coalesce(entry_hash,''))
				  + octet_length(coalesce(logged_at,'')) + coalesce(octet_length(items_gz), 0)
				  + octet_length(coalesce(items,'')) + 8), 0) from decision_log""")
			.query(Long.class)
			.single();
		System.out.printf(Locale.ROOT, "Decision log: %d rows after 3 builds (2 released), %.0f bytes of column data per row,"
				+ " %.1f MB per released build (as stored, compressed items included, before indexes)%n", rows,
				rows == 0 ? 0.0 : (double) bytes / rows, bytes / 2.0 / 1e6);
		return 0;
	}

	// Notes are scanned as records arrive (NotesOnArrival); the first build is timed once they are,
	// as a meeting built the morning after the night's drops would be. bench.scanOnArrival=false
	// times the cold case instead.
	private void awaitArrivalScans() {
		NotesOnArrival arrival = context.getBean(NotesOnArrival.class);
		long started = System.nanoTime();
		if (!Boolean.parseBoolean(context.getEnvironment().getProperty("proportion.redaction.scan-on-arrival", "true"))) {
			System.out.println("Notes scanned on arrival: off (the first build scans every note)");
			return;
		}
		try {
			do {
				Thread.sleep(100);
			}
			while (arrival.waiting() > 0);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		System.out.printf(Locale.ROOT, "Notes scanned on arrival, in the background: done %d ms after intake%n",
				(System.nanoTime() - started) / 1_000_000);
	}

	private BuildTimings build(String label) {
		HeapPeaks.reset();
		long[] before = context.getBean(OpaClient.class).decisionCounts();
		long rowsBefore = jdbc.sql("select count(*) from decision_log").query(Long.class).single();
		builder.build(MEETING);
		long[] after = context.getBean(OpaClient.class).decisionCounts();
		long rows = jdbc.sql("select count(*) from decision_log").query(Long.class).single() - rowsBefore;
		String opa = (after[1] - before[1]) + "/" + (after[0] - before[0]);
		BuildTimings t = builder.lastTimings();
		long live = HeapPeaks.liveMegabytes();
		String heap = HeapPeaks.fullestMegabytes() + "/" + (live < 0 ? "-" : Long.toString(live));
		long started = System.nanoTime();
		Verification verified = decisionLog.verify();
		long verifyMs = (System.nanoTime() - started) / 1_000_000;
		System.out.printf(Locale.ROOT, "%-13s %8d %7d %5d %6d %5d %6d %8d %6d %6d %17s %6d %21s %17s  %d ms for %d rows%s%n",
				label, t.total(), t.trends(), t.load(), t.policy(), t.scan(), t.redact(), t.assemble(), t.render(),
				t.store(), t.logRows() + "/" + rows, t.views(), heap, opa, verifyMs, verified.entries(),
				verified.valid() ? "" : " BROKEN");
		return t;
	}

	// The same drop with one case's note changed, as an agency's next weekly export would bring it.
	private void changeOneCase() {
		changeOneCase(0);
	}

	private void changeOneCase(int round) {
		String[] changed = firstCase.clone();
		changed[12] = "Seen again on the Thursday shift" + (round == 0 ? "" : " (visit " + round + ")") + ". " + changed[12];
		byte[] content = (csvHeader + row(changed)).getBytes(StandardCharsets.UTF_8);
		context.getBean(IntakeService.class).fromFile("outreach/bench-change-" + round + ".csv", content);
	}

	private int views() throws Exception {
		int readers = Integer.getInteger("bench.readers", 50);
		int seconds = Integer.getInteger("bench.seconds", 30);
		// Measured as the morning before a meeting finds the gateway: notes scanned, pack built.
		awaitArrivalScans();
		build("first");
		AccessLinks links = context.getBean(AccessLinks.class);
		Meeting meeting = context.getBean(PartnershipRepository.class).meeting(MEETING).orElseThrow();
		List<String> tokens = meeting.attendees().stream().map(a -> links.issue(MEETING, a.id())).toList();
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		System.out.printf(Locale.ROOT, "%d readers over loopback for %d s each, HTML view of %d attendees in turn%n",
				readers, seconds, tokens.size());
		// The same load with builds running first, not counted (bench.warmup-seconds, 30): the
		// server's and the builder's code compiled, as in a gateway that has been serving for a
		// while. A freshly started JVM spends most of a core compiling for the first minute or so
		// (JFR: 97 s of compiler time in a 90 s run), which would be measured as the views' latency.
		int warmUp = Integer.getInteger("bench.warmup-seconds", 30);
		load("warm-up (not counted)", port, tokens, readers, warmUp, true, 0);
		// Saturation: each connection asks again the moment an answer is read. The latency then
		// follows throughput (50 waiting connections / requests a second), so this measures how
		// many openings two cores serve.
		boolean quietOk = load("eager, no build", port, tokens, readers, seconds, false, 0);
		boolean busyOk = load("eager, builds running", port, tokens, readers, seconds, true, 0);
		// Readers: each connection pauses between openings (bench.think-ms, 100 ms: up to 10
		// openings a second per reader, far more than a person opening a pack), so the latency
		// is that of an opening on a busy gateway rather than of a queue the load keeps full.
		int think = Integer.getInteger("bench.think-ms", 100);
		boolean readersOk = load("readers, no build", port, tokens, readers, seconds, false, think);
		boolean readersBusyOk = load("readers, builds running", port, tokens, readers, seconds, true, think);
		return quietOk && busyOk && readersOk && readersBusyOk ? 0 : 1;
	}

	private boolean load(String label, int port, List<String> tokens, int readers, int seconds, boolean building,
			int thinkMs) throws Exception {
		String client = System.getProperty("bench.client", wrkInstalled() ? "wrk" : "java");
		if (client.equals("wrk")) {
			return wrk(label, port, tokens, readers, seconds, building, thinkMs);
		}
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		AtomicBoolean running = new AtomicBoolean(true);
		AtomicInteger errors = new AtomicInteger();
		ConcurrentLinkedQueue<long[]> all = new ConcurrentLinkedQueue<>();
		List<Thread> threads = new ArrayList<>();
		for (int r = 0; r < readers; r++) {
			int reader = r;
			Thread thread = new Thread(() -> {
				long[] mine = new long[1 << 16];
				int n = 0;
				int i = reader;
				while (running.get()) {
					String token = tokens.get(i++ % tokens.size());
					HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v/" + token))
						.timeout(Duration.ofSeconds(10))
						.header("Accept-Encoding", "gzip")
						.GET()
						.build();
					long started = System.nanoTime();
					try {
						HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
						if (response.statusCode() != 200 || response.body().length < 100) {
							errors.incrementAndGet();
						}
					}
					catch (Exception ex) {
						errors.incrementAndGet();
					}
					if (n == mine.length) {
						mine = Arrays.copyOf(mine, n * 2);
					}
					mine[n++] = System.nanoTime() - started;
					if (thinkMs > 0) {
						try {
							Thread.sleep(thinkMs);
						}
						catch (InterruptedException ex) {
							return;
						}
					}
				}
				all.add(Arrays.copyOf(mine, n));
			}, "bench-reader-" + r);
			threads.add(thread);
		}
		List<Long> buildMs = java.util.Collections.synchronizedList(new ArrayList<>());
		Thread builderThread = building ? rebuilding(running, buildMs) : null;
		long started = System.nanoTime();
		threads.forEach(Thread::start);
		Thread.sleep(seconds * 1000L);
		running.set(false);
		for (Thread thread : threads) {
			thread.join();
		}
		if (builderThread != null) {
			builderThread.join();
		}
		double elapsed = (System.nanoTime() - started) / 1e9;
		long[] latencies = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
		System.out.printf(Locale.ROOT,
				"%-22s requests %d (%.0f/s), errors %d, p50 %.1f ms, p99 %.1f ms, max %.1f ms%s%n", label,
				latencies.length, latencies.length / elapsed, errors.get(), percentile(latencies, 0.50),
				percentile(latencies, 0.99), latencies.length == 0 ? 0.0 : latencies[latencies.length - 1] / 1e6,
				building ? String.format(Locale.ROOT, "; %d builds released meanwhile, %s ms each", buildMs.size(), buildMs)
						: "");
		return errors.get() == 0 && latencies.length > 0;
	}

	/**
	 * The same load from wrk, a C load generator, as a separate process: 50 keep-alive
	 * connections, each sending its next request as soon as the last answer is read (no pause),
	 * rotating over the attendees' links and asking for gzip. The Java client's own CPU (one
	 * selector thread for every connection, in the gateway's JVM) otherwise takes a large share of
	 * two cores from the server it measures. A response that is not 200 or is shorter than 100
	 * bytes counts as an error.
	 */
	private boolean wrk(String label, int port, List<String> tokens, int readers, int seconds, boolean building,
			int thinkMs) throws Exception {
		Path script = Files.createTempFile("bench-views", ".lua");
		StringBuilder lua = new StringBuilder("tokens = {");
		tokens.forEach(t -> lua.append('"').append(t).append("\",\n"));
		lua.append("""
				}
				threads = {}
				function setup(thread) table.insert(threads, thread) end
				function init(args) n = math.random(#tokens); bad = 0 end
				THINK
				function request()
				  n = n + 1
				  return wrk.format("GET", "/v/" .. tokens[(n % #tokens) + 1], { ["Accept-Encoding"] = "gzip" })
				end
				function response(status, headers, body)
				  if status ~= 200 or #body < 100 then bad = bad + 1; last = status .. " (" .. #body .. " bytes)" end
				end
				function done(summary, latency, requests)
				  local total = 0
				  local seen = ""
				  for _, t in ipairs(threads) do
				    total = total + t:get("bad")
				    if t:get("last") then seen = seen .. " " .. t:get("last") end
				  end
				  if total > 0 then io.write("BAD" .. seen .. "\\n") end
				  io.write(string.format("SOCKET %d %d %d %d %d\\n", summary.errors.connect, summary.errors.read,
				    summary.errors.write, summary.errors.timeout, summary.errors.status))
				  io.write(string.format("BENCH %d %d %d %.3f %.3f %.3f\\n", summary.requests, total,
				    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
				      + summary.errors.status, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
				    latency.max / 1000))
				end
				""");
		Files.writeString(script, lua.toString().replace("THINK",
				// Only when readers pause: wrk puts even a zero delay through its timer.
				thinkMs > 0 ? "function delay() return " + thinkMs + " end" : ""));
		AtomicBoolean running = new AtomicBoolean(true);
		List<Long> buildMs = java.util.Collections.synchronizedList(new ArrayList<>());
		Thread builderThread = building ? rebuilding(running, buildMs) : null;
		long cpuBefore = processCpuNanos();
		GcPauses.reset();
		Process wrk = new ProcessBuilder("wrk", "-t2", "-c" + readers, "-d" + seconds + "s", "--timeout", "10s", "-s",
				script.toString(), "http://127.0.0.1:" + port + "/")
			.redirectErrorStream(true)
			.start();
		String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		int exit = wrk.waitFor();
		long cpuNanos = processCpuNanos() - cpuBefore;
		running.set(false);
		if (builderThread != null) {
			builderThread.join();
		}
		Files.deleteIfExists(script);
		String line = output.lines().filter(l -> l.startsWith("BENCH ")).findFirst().orElse(null);
		if (exit != 0 || line == null) {
			System.out.println(label + ": wrk failed (exit " + exit + ")");
			return false;
		}
		// What the errors were, if any: the last bad answer of each wrk thread, and socket errors.
		output.lines()
			.filter(l -> l.startsWith("BAD ") || l.startsWith("SOCKET ") && !l.equals("SOCKET 0 0 0 0 0"))
			.forEach(l -> System.out.println("  " + label + ": " + (l.startsWith("BAD ") ? "last bad answers (status, length):" + l.substring(3)
					: "socket errors (connect, read, write, timeout, status):" + l.substring(6))));
		String[] f = line.split(" ");
		long requests = Long.parseLong(f[1]);
		long errors = Long.parseLong(f[2]) + Long.parseLong(f[3]);
		System.out.printf(Locale.ROOT,
				"%-24s requests %d (%.0f/s), errors %d, p50 %s ms, p99 %s ms, max %s ms (wrk, %d connections); gateway CPU %.2f ms a request; %s%s%n", label,
				requests, requests / (double) seconds, errors, f[4], f[5], f[6], readers,
				requests == 0 ? 0.0 : cpuNanos / 1e6 / requests, GcPauses.summary(),
				building ? String.format(Locale.ROOT, "; %d builds released meanwhile, %s ms each", buildMs.size(), buildMs)
						: "");
		return errors == 0 && requests > 0;
	}

	// A case changes before each build, so each build releases a new pack; each build's time is kept.
	private Thread rebuilding(AtomicBoolean running, List<Long> buildMs) {
		Thread thread = new Thread(() -> {
			int round = 0;
			while (running.get()) {
				long started = System.nanoTime();
				changeOneCase(++round);
				builder.build(MEETING);
				buildMs.add((System.nanoTime() - started) / 1_000_000);
			}
		}, "bench-builder");
		thread.start();
		return thread;
	}

	// CPU time of this JVM (every thread: the server's, and the builder's during builds).
	private static long processCpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
			.getOperatingSystemMXBean()).getProcessCpuTime();
	}

	private static boolean wrkInstalled() {
		try {
			return new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start().waitFor() >= 0;
		}
		catch (Exception ex) {
			return false;
		}
	}

	private static double percentile(long[] sorted, double p) {
		if (sorted.length == 0) {
			return 0;
		}
		int index = (int) Math.ceil(p * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
	}

	private static List<String> notes(int count) {
		TrainingCorpus corpus = new TrainingCorpus(11, WhitespaceTokenizer.INSTANCE);
		List<NameSample> sentences = corpus.samples(count * 20 + 100);
		List<String> notes = new ArrayList<>();
		StringBuilder note = new StringBuilder();
		for (NameSample sentence : sentences) {
			note.append(String.join(" ", sentence.getSentence())).append(' ');
			if (note.toString().split("\\s+").length >= 130) {
				notes.add(note.toString().strip());
				note.setLength(0);
				if (notes.size() == count) {
					break;
				}
			}
		}
		while (notes.size() < count) {
			notes.add(notes.get(notes.size() % Math.max(1, notes.size())));
		}
		return notes;
	}

	private static String partnership() throws Exception {
		ObjectMapper json = new ObjectMapper();
		List<Map<String, Object>> organisations = List.of(org("outreach", "Bench Street Outreach", "charity"),
				org("day-centre", "Bench Day Centre", "charity"),
				org("housing-options", "Bench Borough Housing Options", "local_authority"),
				org("police", "Bench Police", "police"), org("health", "Bench Homeless Health Team", "nhs"),
				org("hostel", "Bench Hostel", "hostel_provider"), org("university", "Bench research team", "observer"),
				org("drug-alcohol", "Bench Drug and Alcohol Service", "charity"),
				org("county-council", "Bench County Council Social Care", "local_authority"),
				org("probation", "Bench Probation Delivery Unit", "probation"));
		Map<String, Object> agreement = new LinkedHashMap<>();
		agreement.put("id", "dsa-bench");
		agreement.put("title", "Benchmark partnership data sharing agreement");
		agreement.put("parties", organisations.stream().map(o -> o.get("id")).filter(id -> !"university".equals(id)).toList());
		agreement.put("purposes", List.of("rough_sleeping_response", "placement_panel"));
		agreement.put("categories", List.of("identifier", "demographic", "nationality", "contact", "location",
				"housing_status", "support_needs", "health", "criminal_offence", "risk", "free_text"));
		agreement.put("reviewDate", "2027-06-30");
		return json.writeValueAsString(Map.of("organisations", organisations, "agreements", List.of(agreement),
				"meetings", List.of()));
	}

	private static Map<String, Object> org(String id, String name, String type) {
		Map<String, Object> org = new LinkedHashMap<>();
		org.put("id", id);
		org.put("name", name);
		org.put("type", type);
		return org;
	}

	private static String row(String... cells) {
		List<String> quoted = new ArrayList<>();
		for (String cell : cells) {
			quoted.add(cell.contains(",") || cell.contains("\"") || cell.contains(";") ? "\"" + cell.replace("\"", "\"\"") + "\""
					: cell);
		}
		return String.join(",", quoted) + "\n";
	}

	private static void deleteQuietly(Path folder) {
		try (var paths = Files.walk(folder)) {
			paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
		}
		catch (Exception ex) {
			// A temporary folder; the OS cleans it if we cannot.
		}
	}

}
