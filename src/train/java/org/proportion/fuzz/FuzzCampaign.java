package org.proportion.fuzz;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import org.proportion.bench.HeapPeaks;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Sends fuzzed drops to a running gateway, half into its inbox and half to its REST endpoint,
 * while a reader keeps opening an attendee's view, then checks every drop: stored whole (every
 * record of the drop, in one batch) or parked with a reason in the dead-letter folder that quotes
 * none of the drop's values. A drop that is neither, both, half stored, answered with a server
 * error, or parked with a value in its reason is a violation. Used by {@code ./proportion fuzz}
 * and, shorter, by the test suite.
 */
public final class FuzzCampaign {

	/** Where the gateway is and how to reach it. */
	public record Target(String baseUrl, Path inbox, Path deadLetter, Path archive, Path staging, JdbcClient jdbc,
			Map<String, String> agencyPasswords, String adminPassword, String viewPath) {
	}

	/** What the campaign saw. Violations name the drop by number and mutation, never its values. */
	public record Report(int drops, int stored, int parked, Map<String, Integer> parkedByCode, List<String> violations,
			long[] restMillis, long[] fileMillis, int viewRequests, int viewErrors, long[] viewMillis, long peakHeapMb,
			double seconds) {

		public String summary() {
			StringBuilder out = new StringBuilder();
			out.append(String.format(Locale.ROOT, "%d drops in %.0f s: %d stored whole, %d parked, %d violations%n", drops,
					seconds, stored, parked, violations.size()));
			out.append("parked by reason:");
			parkedByCode.forEach((code, n) -> out.append(' ').append(code).append('=').append(n));
			out.append(String.format(Locale.ROOT,
					"%nintake time per drop: REST p50 %d ms, p99 %d ms, max %d ms (%d drops); file drop to archived"
							+ " p50 %d ms, p99 %d ms, max %d ms (%d drops, batches of %d, 0.5 s poll)%n",
					pct(restMillis, 0.5), pct(restMillis, 0.99), pct(restMillis, 1), restMillis.length, pct(fileMillis, 0.5),
					pct(fileMillis, 0.99), pct(fileMillis, 1), fileMillis.length, FILE_BATCH));
			out.append(String.format(Locale.ROOT, "views meanwhile: %d requests, %d errors, p50 %d ms, p99 %d ms%n",
					viewRequests, viewErrors, pct(viewMillis, 0.5), pct(viewMillis, 0.99)));
			out.append(String.format(Locale.ROOT, "peak heap (gateway and fuzzer, one JVM): %d MB%n", peakHeapMb));
			violations.stream().limit(50).forEach(v -> out.append("VIOLATION ").append(v).append('\n'));
			return out.toString();
		}

	}

	static final int FILE_BATCH = 20;

	private final Target target;

	private final ObjectMapper json = new ObjectMapper();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	/** Words a reason may use although a drop also holds them (column names, agency names, format words). */
	private final Set<String> vocabulary;

	private record Outcome(int status, JsonNode body, long millis) {
	}

	public FuzzCampaign(Target target, Set<String> vocabulary) {
		this.target = target;
		this.vocabulary = vocabulary;
	}

	/**
	 * Makes {@code count} drops from {@code seed} and sends them; each is checked as soon as the
	 * gateway is through with it, so only counts are kept (a 10,000-drop run holds no drops).
	 */
	public Report run(int count, long seed) throws Exception {
		DropFuzzer fuzzer = new DropFuzzer(seed);
		BlockingQueue<DropFuzzer.Drop> files = new ArrayBlockingQueue<>(4 * FILE_BATCH);
		BlockingQueue<DropFuzzer.Drop> rests = new ArrayBlockingQueue<>(4 * FILE_BATCH);
		HeapPeaks.reset();
		AtomicBoolean running = new AtomicBoolean(true);
		AtomicInteger viewRequests = new AtomicInteger();
		AtomicInteger viewErrors = new AtomicInteger();
		List<Long> viewMillis = Collections.synchronizedList(new ArrayList<>());
		AtomicLong peakHeap = new AtomicLong();
		Thread reader = new Thread(() -> readViews(running, viewRequests, viewErrors, viewMillis), "fuzz-view-reader");
		Thread heap = new Thread(() -> sampleHeap(running, peakHeap), "fuzz-heap");
		long started = System.nanoTime();
		reader.start();
		heap.start();
		Thread fileWorker = new Thread(() -> sendFiles(files), "fuzz-files");
		Thread restWorker = new Thread(() -> sendRests(rests), "fuzz-rest");
		fileWorker.start();
		restWorker.start();
		for (int i = 0; i < count; i++) {
			DropFuzzer.Drop drop = fuzzer.next(i);
			(drop.rest() ? rests : files).put(drop);
		}
		files.put(END);
		rests.put(END);
		fileWorker.join();
		restWorker.join();
		// The reader keeps going until the last drop is through.
		running.set(false);
		reader.join();
		heap.join();
		double seconds = (System.nanoTime() - started) / 1e9;
		long[] views = viewMillis.stream().mapToLong(Long::longValue).sorted().toArray();
		return new Report(count, stored.get(), parked.get(), new TreeMap<>(byCode), List.copyOf(violations),
				sorted(restMillis), sorted(fileMillis), viewRequests.get(), viewErrors.get(), views,
				Math.max(peakHeap.get(), HeapPeaks.bytes()) / (1024 * 1024), seconds);
	}

	private static long[] sorted(List<Long> millis) {
		synchronized (millis) {
			return millis.stream().mapToLong(Long::longValue).sorted().toArray();
		}
	}

	private static final DropFuzzer.Drop END = new DropFuzzer.Drop(-1, "", "", false, "", "", new byte[0], List.of(),
			Set.of(), "");

	private final AtomicInteger stored = new AtomicInteger();

	private final AtomicInteger parked = new AtomicInteger();

	private final Map<String, Integer> byCode = new ConcurrentHashMap<>();

	private final List<String> violations = Collections.synchronizedList(new ArrayList<>());

	private final List<Long> restMillis = Collections.synchronizedList(new ArrayList<>());

	private final List<Long> fileMillis = Collections.synchronizedList(new ArrayList<>());

	// ------------------------------------------------------------------ sending

	private void sendRests(BlockingQueue<DropFuzzer.Drop> queue) {
		try {
			for (DropFuzzer.Drop drop = queue.take(); drop != END; drop = queue.take()) {
				Outcome outcome = sendRest(drop);
				restMillis.add(outcome.millis());
				check(drop, outcome);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	private Outcome sendRest(DropFuzzer.Drop drop) {
		String password = target.agencyPasswords().get(drop.agency());
		String user = password == null ? "admin" : drop.agency();
		String credentials = Base64.getEncoder()
			.encodeToString((user + ":" + (password == null ? target.adminPassword() : password))
				.getBytes(StandardCharsets.UTF_8));
		HttpRequest request = HttpRequest.newBuilder(URI.create(target.baseUrl() + "/api/intake/" + drop.agency()))
			.timeout(Duration.ofSeconds(120))
			.header("Authorization", "Basic " + credentials)
			.header("Content-Type", drop.contentType())
			.POST(HttpRequest.BodyPublishers.ofByteArray(drop.content()))
			.build();
		long started = System.nanoTime();
		int status;
		JsonNode body;
		try {
			HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
			status = response.statusCode();
			body = parse(response.body());
		}
		catch (Exception ex) {
			status = -1;
			body = null;
		}
		return new Outcome(status, body, (System.nanoTime() - started) / 1_000_000);
	}

	private JsonNode parse(byte[] body) {
		try {
			return body == null || body.length == 0 ? null : json.readTree(body);
		}
		catch (IOException ex) {
			return null;
		}
	}

	/** File drops in batches, each written outside the inbox and moved in whole, as an export job does. */
	private void sendFiles(BlockingQueue<DropFuzzer.Drop> queue) {
		try {
			Files.createDirectories(target.staging());
			boolean more = true;
			while (more) {
				List<DropFuzzer.Drop> batch = new ArrayList<>();
				while (batch.size() < FILE_BATCH) {
					DropFuzzer.Drop drop = queue.take();
					if (drop == END) {
						more = false;
						break;
					}
					batch.add(drop);
				}
				if (!batch.isEmpty()) {
					sendBatch(batch);
				}
			}
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void sendBatch(List<DropFuzzer.Drop> batch) throws IOException, InterruptedException {
		List<Path> dropped = new ArrayList<>();
		for (DropFuzzer.Drop drop : batch) {
			Path staged = target.staging().resolve(drop.name());
			Files.write(staged, drop.content());
			// Older than the route's read-lock minimum age, so it is taken at the next poll.
			Files.setLastModifiedTime(staged, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 2000));
		}
		long started = System.nanoTime();
		for (DropFuzzer.Drop drop : batch) {
			Path folder = Files.createDirectories(target.inbox().resolve(drop.agency()));
			Path in = folder.resolve(drop.name());
			Files.move(target.staging().resolve(drop.name()), in, StandardCopyOption.ATOMIC_MOVE);
			dropped.add(in);
		}
		long[] done = new long[batch.size()];
		long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
		int left = batch.size();
		while (left > 0 && System.nanoTime() < deadline) {
			for (int i = 0; i < dropped.size(); i++) {
				if (done[i] == 0 && !Files.exists(dropped.get(i))) {
					done[i] = Math.max(1, (System.nanoTime() - started) / 1_000_000);
					left--;
				}
			}
			Thread.sleep(10);
		}
		for (int i = 0; i < batch.size(); i++) {
			if (done[i] > 0) {
				fileMillis.add(done[i]);
			}
			check(batch.get(i), new Outcome(done[i] == 0 ? -2 : 0, null, done[i]));
		}
	}

	private void readViews(AtomicBoolean running, AtomicInteger requests, AtomicInteger errors, List<Long> millis) {
		while (running.get()) {
			HttpRequest request = HttpRequest.newBuilder(URI.create(target.baseUrl() + target.viewPath()))
				.timeout(Duration.ofSeconds(10))
				.GET()
				.build();
			long started = System.nanoTime();
			try {
				HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() != 200 || !response.body().contains("This pack is for")) {
					errors.incrementAndGet();
				}
			}
			catch (Exception ex) {
				errors.incrementAndGet();
			}
			requests.incrementAndGet();
			millis.add((System.nanoTime() - started) / 1_000_000);
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	private static void sampleHeap(AtomicBoolean running, AtomicLong peak) {
		while (running.get()) {
			Runtime runtime = Runtime.getRuntime();
			peak.accumulateAndGet(runtime.totalMemory() - runtime.freeMemory(), Math::max);
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	// ------------------------------------------------------------------ checking

	/** Checks one drop the gateway is through with: stored whole, or parked with a value-free reason. */
	private void check(DropFuzzer.Drop drop, Outcome outcome) throws IOException {
		String label = "drop " + drop.index() + " (" + (drop.rest() ? "REST" : "file") + ", " + drop.agency() + ", "
				+ drop.mutations() + ")";
		JsonNode reason = null;
		if (drop.rest()) {
			if (outcome.status() < 0) {
				violations.add(label + ": no answer");
				return;
			}
			if (outcome.status() != 200 && outcome.status() != 422 && outcome.status() != 413) {
				violations.add(label + ": answered HTTP " + outcome.status());
				return;
			}
			if (outcome.status() != 200) {
				reason = outcome.body();
				String original = reason == null ? null : reason.path("original").asText(null);
				boolean kept = original == null ? outcome.status() == 413 && reasonFile("rest-" + drop.agency()) != null
						: Files.exists(target.deadLetter().resolve(original + ".reason.json"));
				if (!kept) {
					violations.add(label + ": refused with HTTP " + outcome.status() + " but no reason in the dead letter");
				}
			}
		}
		else {
			if (outcome.status() == -2) {
				violations.add(label + ": never taken from the inbox");
				return;
			}
			if (Files.exists(target.archive().resolve("failed")) && inFailed(drop.name())) {
				violations.add(label + ": moved to the failed folder (parking failed)");
			}
			Path file = reasonFile(drop.name());
			reason = file == null ? null : json.readTree(file.toFile());
		}
		Map<String, Object> batch = target.jdbc()
			.sql("select id, record_count from intake_batch where content_sha256 = ?")
			.param(sha256(drop.content()))
			.query()
			.listOfRows()
			.stream()
			.findFirst()
			.orElse(null);
		long tagged = target.jdbc()
			.sql("select count(*) from case_record where agency_ref like ?")
			.param("%-" + drop.tag())
			.query(Long.class)
			.single();
		if (reason != null) {
			parked.incrementAndGet();
			byCode.merge(reason.path("code").asText("?"), 1, Integer::sum);
			if (batch != null || tagged > 0) {
				violations.add(label + ": parked, yet " + tagged + " of its records are stored");
			}
			checkReason(label, drop, reason, violations);
			return;
		}
		if (batch == null) {
			violations.add(label + ": neither stored nor parked" + (outcome.body() == null ? ""
					: " (answered HTTP " + outcome.status() + ", " + outcome.body().path("status").asText("-") + ", "
							+ outcome.body().path("records").asText("-") + " records)"));
			return;
		}
		stored.incrementAndGet();
		long id = ((Number) batch.get("id")).longValue();
		int recorded = ((Number) batch.get("record_count")).intValue();
		long inStore = target.jdbc().sql("select count(*) from case_record where batch_id = ?").param(id).query(Long.class)
			.single();
		int rows = rows(drop);
		if (recorded != rows || inStore != rows) {
			violations.add(label + ": half stored: " + rows + " records in the drop, " + recorded + " counted, " + inStore
					+ " in the store");
		}
	}

	// The reason parked for a dropped name (names are unique to the run); the newest for a REST source.
	private Path reasonFile(String name) throws IOException {
		if (!Files.isDirectory(target.deadLetter())) {
			return null;
		}
		Path found = null;
		try (var files = Files.newDirectoryStream(target.deadLetter(), "*" + name + ".reason.json")) {
			for (Path f : files) {
				if (found == null || f.getFileName().toString().compareTo(found.getFileName().toString()) > 0) {
					found = f;
				}
			}
		}
		return found;
	}

	private boolean inFailed(String name) throws IOException {
		try (Stream<Path> walk = Files.walk(target.archive().resolve("failed"))) {
			return walk.anyMatch(p -> p.getFileName().toString().equals(name));
		}
	}

	private void checkReason(String label, DropFuzzer.Drop drop, JsonNode reason, List<String> violations) {
		String code = reason.path("code").asText("");
		String detail = reason.path("detail").asText("");
		if (code.isBlank() || detail.isBlank()) {
			violations.add(label + ": parked without a reason");
			return;
		}
		String text = code + " " + detail;
		for (String value : drop.values()) {
			String v = value.strip();
			if (v.length() >= 4 && !vocabulary.contains(v) && text.contains(v)) {
				// The value is not printed: it is (synthetic) personal data; its length and position are.
				violations.add(label + ": reason " + code + " quotes a value of the drop (" + v.length()
						+ " characters, at " + text.indexOf(v) + ")");
				return;
			}
		}
	}

	/** The records in a drop, read independently of the gateway's own mapper. */
	private int rows(DropFuzzer.Drop drop) {
		try {
			if (drop.name().endsWith(".json")) {
				JsonNode root = json.readTree(drop.content());
				JsonNode records = root.isObject() ? root.get("records") : root;
				return records == null ? -1 : records.size();
			}
			try (var it = new CsvMapper().readerForMapOf(String.class)
				.with(CsvSchema.emptySchema().withHeader())
				.readValues(drop.content())) {
				return it.readAll().size();
			}
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

	/** Column names and agency names of the mappings: a reason may name them although a value can equal one. */
	public static Set<String> vocabulary(org.proportion.ingest.AgencyMappings mappings) {
		Set<String> words = new java.util.HashSet<>();
		for (String agency : mappings.agencies()) {
			words.add(agency);
			mappings.forAgency(agency).ifPresent(m -> {
				words.addAll(m.columns().keySet());
				m.columns().values().stream().filter(java.util.Objects::nonNull).forEach(words::add);
			});
		}
		return words;
	}

	static String sha256(byte[] content) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static long pct(long[] sorted, double p) {
		if (sorted.length == 0) {
			return 0;
		}
		int index = (int) Math.ceil(p * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
	}

}
