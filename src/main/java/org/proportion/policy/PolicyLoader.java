package org.proportion.policy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.proportion.ProportionProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Safe hot reload: watches policies/ and, when it changes, puts the new policies live in OPA only
 * if they parse and compile ({@code opa check --strict}), pass their own tests ({@code opa test})
 * and still give both decisions for a probe meeting. Otherwise the change is refused with OPA's
 * message and the last good policies stay live. Off ({@code proportion.policies.manage=false})
 * when someone else loads the OPA server.
 */
@Component
public class PolicyLoader {

	private static final Logger log = LoggerFactory.getLogger(PolicyLoader.class);

	private final Path folder;

	private final boolean manage;

	private final Path binary;

	private final Duration timeout;

	private final ObjectMapper json;

	private final Clock clock;

	private final OpaClient opaClient;

	private final ApplicationEventPublisher events;

	private volatile Status status = new Status(null, null, null, null);

	private String lastSeen;

	private final Set<String> pushedData = new LinkedHashSet<>();

	PolicyLoader(ProportionProperties properties, @Value("${proportion.policies}") Path folder,
			@Value("${proportion.policies.manage:true}") boolean manage, @Value("${proportion.opa.binary}") Path binary,
			ObjectMapper json, Clock clock, ApplicationEventPublisher events) {
		this.folder = folder;
		this.manage = manage;
		this.binary = binary;
		this.opaClient = new OpaClient(URI.create(properties.opa().url()), properties.opa().timeout(), json);
		this.timeout = properties.opa().timeout();
		this.json = json;
		this.clock = clock;
		this.events = events;
	}

	/**
	 * @param liveRevision content hash of the policies live in OPA
	 * @param refusedRevision content hash of the last change refused, if any since
	 * @param refusal why it was refused
	 */
	public record Status(String liveRevision, Instant liveSince, String refusedRevision, String refusal) {
	}

	/** Published when changed policies have gone live (not at start-up). */
	public record PoliciesChanged(String revision) {
	}

	public Status status() {
		return status;
	}

	// Before the application's runners, so the first-run walk-through builds on live policies.
	@EventListener(ApplicationStartedEvent.class)
	public void loadAtStart() {
		if (manage) {
			check();
		}
	}

	@Scheduled(fixedDelayString = "${proportion.policies.check-interval:2000}", initialDelay = 2000)
	public synchronized void check() {
		if (!manage) {
			return;
		}
		if (digest(folder).equals(lastSeen)) {
			return;
		}
		// Validate and push one copy, so an edit made meanwhile cannot go live unchecked.
		Path snapshot = snapshot();
		try {
			reload(digest(snapshot), snapshot);
		}
		finally {
			delete(snapshot);
		}
	}

	private void reload(String revision, Path snapshot) {
		String refusal;
		try {
			refusal = validate(snapshot);
		}
		catch (IllegalStateException transientFailure) {
			// OPA could not be run or did not start in time: not the policies' fault; try again next check.
			log.warn("Policy check could not run: {}", transientFailure.getMessage());
			return;
		}
		lastSeen = revision;
		if (refusal != null) {
			log.warn("Policy change {} refused; the last good policies stay live: {}", shortRev(revision), refusal);
			status = new Status(status.liveRevision(), status.liveSince(), revision, refusal);
			return;
		}
		try {
			push(snapshot);
			boolean change = status.liveRevision() != null;
			status = new Status(revision, clock.instant(), null, null);
			if (change) {
				events.publishEvent(new PoliciesChanged(revision));
			}
			log.info("Policies {} are live", shortRev(revision));
		}
		catch (RuntimeException ex) {
			lastSeen = null; // try again at the next check
			status = new Status(status.liveRevision(), status.liveSince(), revision,
					"OPA did not take the policies: " + ex.getMessage());
			log.warn("Policies {} could not be pushed to OPA: {}", shortRev(revision), ex.getMessage());
		}
	}

	/** Null when the folder may go live, else why not. */
	private String validate(Path folder) {
		Run check = run("check", "--strict", folder.toString());
		if (check.exit != 0) {
			return "they do not parse or compile: " + check.output;
		}
		Run test = run("test", folder.toString());
		if (test.exit != 0) {
			return "their own tests fail: " + test.output;
		}
		try (DraftOpa draft = DraftOpa.start(binary, folder)) {
			OpaClient client = new OpaClient(draft.url, timeout, json);
			JsonNode sharing = client.query(PolicyService.SHARING, ProbeInput.sharing());
			if (sharing.path("input_errors").size() > 0 || sharing.path("attendees").path("probe").path("fields").isEmpty()) {
				return "the sharing decision is undefined or empty for a probe meeting";
			}
			client.query(PolicyService.TRENDS, ProbeInput.trends());
			return null;
		}
		catch (PolicyUnavailable ex) {
			return "a decision is undefined: " + ex.getMessage();
		}
		catch (IllegalArgumentException ex) {
			return ex.getMessage();
		}
	}

	/** Data first, then modules; a module that needs another's new rules is retried after it. */
	private void push(Path folder) {
		Map<String, String> modules = new LinkedHashMap<>();
		Map<String, JsonNode> data = new LinkedHashMap<>();
		try (Stream<Path> files = Files.walk(folder)) {
			for (Path file : files.sorted().toList()) {
				String relative = folder.relativize(file).toString().replace('\\', '/');
				if (relative.endsWith(".rego") && !relative.endsWith("_test.rego")) {
					modules.put(relative, Files.readString(file, StandardCharsets.UTF_8));
				}
				else if (file.getFileName().toString().equals("data.json")) {
					String dir = relative.contains("/") ? relative.substring(0, relative.lastIndexOf('/')) : "";
					json.readTree(file.toFile()).fields().forEachRemaining(e -> data.put(dir + "/" + e.getKey(), e.getValue()));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		for (Map.Entry<String, JsonNode> doc : data.entrySet()) {
			send("PUT", "/v1/data/" + doc.getKey(), doc.getValue().toString(), "application/json");
		}
		for (String stale : pushedData) {
			if (!data.containsKey(stale)) {
				send("DELETE", "/v1/data/" + stale, null, null);
			}
		}
		pushedData.clear();
		pushedData.addAll(data.keySet());
		List<String> pending = new ArrayList<>(modules.keySet());
		for (int round = 0; round <= modules.size() && !pending.isEmpty(); round++) {
			for (Iterator<String> it = pending.iterator(); it.hasNext();) {
				String id = it.next();
				if (opaClient.write("PUT", "/v1/policies/" + id, modules.get(id), "text/plain")) {
					it.remove();
				}
			}
		}
		if (!pending.isEmpty()) {
			throw new IllegalStateException("modules not accepted: " + pending);
		}
		for (String id : opaClient.policyIds()) {
			if (!modules.containsKey(id)) {
				send("DELETE", "/v1/policies/" + id, null, null);
			}
		}
	}

	private void send(String method, String path, String body, String type) {
		if (!opaClient.write(method, path, body, type)) {
			throw new IllegalStateException(method + " " + path + " refused by OPA");
		}
	}

	private record Run(int exit, String output) {
	}

	private Run run(String... args) {
		List<String> command = new ArrayList<>();
		command.add(binary.toString());
		command.addAll(List.of(args));
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
			int exit = process.waitFor();
			// The end of OPA's message names the failing file and line; keep it readable.
			return new Run(exit, output.length() > 1500 ? "..." + output.substring(output.length() - 1500) : output);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("OPA could not be run from " + binary, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private Path snapshot() {
		try {
			Path copy = Files.createTempDirectory("policies-snapshot");
			try (Stream<Path> files = Files.walk(folder)) {
				for (Path file : files.sorted().toList()) {
					Path target = copy.resolve(folder.relativize(file).toString());
					if (Files.isDirectory(file)) {
						Files.createDirectories(target);
					}
					else {
						Files.copy(file, target);
					}
				}
			}
			return copy;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The policies folder could not be read", ex);
		}
	}

	private static void delete(Path copy) {
		try (Stream<Path> files = Files.walk(copy)) {
			for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(file);
			}
		}
		catch (IOException ex) {
			// a leftover temporary copy is harmless
		}
	}

	/** Content hash of every policy, data and test file: the revision of what is in the folder. */
	private static String digest(Path folder) {
		try (Stream<Path> files = Files.walk(folder)) {
			MessageDigest sha = MessageDigest.getInstance("SHA-256");
			for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
				sha.update(folder.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
				sha.update(Files.readAllBytes(file));
			}
			return HexFormat.of().formatHex(sha.digest());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String shortRev(String revision) {
		return revision == null ? "none" : revision.substring(0, 12);
	}

}
