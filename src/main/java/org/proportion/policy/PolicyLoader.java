package org.proportion.policy;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.ProducerTemplate;
import org.proportion.ProportionProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Safe hot reload: watches policies/ and, when it changes, makes the new policies the validated
 * bundle only if they parse and compile ({@code opa check --strict}, with capabilities that
 * leave out network and runtime built-ins), pass their own tests ({@code opa test}) and still give
 * both decisions for a probe meeting. Otherwise the change is refused with OPA's message and the
 * last good bundle stays live. OPA loads the validated bundle from the gateway
 * ({@link BundleEndpoint}) in one transaction; every check also looks at what OPA serves and,
 * when it serves anything else (restarted empty, another revision), makes the next poll reload it.
 */
@Component
public class PolicyLoader {

	private static final Logger log = LoggerFactory.getLogger(PolicyLoader.class);

	/** Validation results in this process by folder digest: a folder passes or fails the same way twice. */
	private static final Map<String, Optional<String>> VALIDATED = new ConcurrentHashMap<>();

	private final Path folder;

	private final Path binary;

	private final Duration timeout;

	private final ObjectMapper json;

	private final Clock clock;

	private final LiveBundle live;

	private final ServedRevision served;

	private final ProducerTemplate camel;

	private final PolicyHistory history;

	private volatile Status status = new Status(null, null, null, null);

	private String lastSeen;

	private volatile boolean checked;

	private String lastMismatch;

	PolicyLoader(ProportionProperties properties, @Value("${proportion.policies}") Path folder,
			@Value("${proportion.opa.binary}") Path binary, ObjectMapper json, Clock clock, LiveBundle live,
			ServedRevision served, ProducerTemplate camel, PolicyHistory history) {
		this.history = history;
		this.folder = folder;
		this.binary = binary;
		this.timeout = properties.opa().timeout();
		this.json = json;
		this.clock = clock;
		this.live = live;
		this.served = served;
		this.camel = camel;
	}

	/**
	 * @param liveRevision revision of the validated bundle, the one OPA must serve
	 * @param refusedRevision content hash of the last change refused, if any since
	 * @param refusal why it was refused
	 */
	public record Status(String liveRevision, Instant liveSince, String refusedRevision, String refusal) {
	}

	public Status status() {
		return status;
	}

	/**
	 * Whether the policies folder has been checked to an outcome since this gateway started:
	 * validated and offered to OPA, or refused. Until then this gateway cannot decide anything,
	 * and that is no fault of a build (the schedule waits for it rather than record failures).
	 */
	public boolean checkedSinceStart() {
		return checked;
	}

	// Before the application's runners, so the first-run walk-through builds on live policies.
	@EventListener(ApplicationStartedEvent.class)
	public void loadAtStart() {
		check();
	}

	/**
	 * One check of the policies folder: the {@code check-policies} route (routes/policies.camel.yaml)
	 * validates and publishes a change, or refuses it, rebuilds the meetings still on the old
	 * policies, and makes OPA reload the validated bundle if it serves anything else. Run at
	 * start, then by the {@code policy-check} timer every few seconds; one check at a time,
	 * whoever starts it.
	 */
	public synchronized void check() {
		camel.requestBody("direct:check-policies", (Object) null);
	}

	/** Whether the folder differs from what the last check handled: only then is it validated. */
	public boolean folderChanged() {
		return !digest(folder).equals(lastSeen);
	}

	/** What a check found, for the route to act on. */
	public enum Outcome {

		/** The check could not run (OPA could not be started): tried again at the next check. */
		NOT_CHECKED,

		/** The change was refused; the last good policies stay live. */
		REFUSED,

		/** Valid, but the bundle is the same (only tests or files outside it changed). */
		SAME_BUNDLE,

		/** The first validated policies since start. */
		STARTED,

		/** Changed policies went live: the meetings decided on the old ones are rebuilt. */
		CHANGED

	}

	/**
	 * Validates a snapshot of the folder and applies the verdict: a refusal is recorded with its
	 * reason (the DPO's history, the status), valid policies are published to OPA. A folder passes
	 * or fails the same way twice, so a verdict is kept by the folder's digest.
	 */
	public Outcome validateAndApply(Path snapshot) {
		String folderDigest = digest(snapshot);
		Optional<String> refusal;
		try {
			refusal = VALIDATED.containsKey(folderDigest) ? VALIDATED.get(folderDigest)
					: Optional.ofNullable(validate(snapshot));
		}
		catch (IllegalStateException | UncheckedIOException transientFailure) {
			// OPA could not be run or did not start in time: not the policies' fault; try again next check.
			log.warn("Policy check could not run: {}", transientFailure.getMessage());
			return Outcome.NOT_CHECKED;
		}
		VALIDATED.put(folderDigest, refusal);
		lastSeen = folderDigest;
		// "Checked" only once the outcome is in place: the schedule waits for it, and must not
		// build before the first validated policies are live.
		if (refusal.isPresent()) {
			log.warn("Policy change {} refused; the last good policies stay live: {}", shortRev(folderDigest),
					refusal.get());
			status = new Status(status.liveRevision(), status.liveSince(), folderDigest, refusal.get());
			checked = true;
			history.record(PolicyHistory.Kind.REFUSED, folderDigest, refusal.get());
			return Outcome.REFUSED;
		}
		PolicyBundle bundle = PolicyBundle.of(snapshot);
		String previous = status.liveRevision();
		if (bundle.revision().equals(previous)) {
			status = new Status(previous, status.liveSince(), null, null);
			checked = true;
			return Outcome.SAME_BUNDLE;
		}
		live.publish(bundle);
		status = new Status(bundle.revision(), clock.instant(), null, null);
		checked = true;
		history.record(previous == null ? PolicyHistory.Kind.STARTED : PolicyHistory.Kind.RELOADED, bundle.revision(), null);
		log.info("Policies {} validated and offered to OPA", shortRev(bundle.revision()));
		return previous == null ? Outcome.STARTED : Outcome.CHANGED;
	}

	/** OPA restarted empty, or serves something else: the next poll gets the whole bundle again. */
	public void watchOpa() {
		PolicyBundle bundle = live.current();
		if (bundle == null) {
			return;
		}
		String problem;
		try {
			ServedRevision.Served now = served.inspect(bundle);
			problem = now.is(bundle.revision()) ? null : now.problem();
		}
		catch (PolicyUnavailable ex) {
			problem = ex.code();
		}
		if (problem != null) {
			live.forceReload();
			if (!problem.equals(lastMismatch)) {
				if (!justPublished()) {
					history.record(PolicyHistory.Kind.RESENT, bundle.revision(), "OPA " + problem);
				}
				log.warn("OPA does not serve the validated policies {} ({}); it will be given them again",
						PolicyBundle.shortRevision(bundle.revision()), problem);
			}
		}
		else if (lastMismatch != null) {
			log.info("OPA serves the validated policies {} again", PolicyBundle.shortRevision(bundle.revision()));
		}
		lastMismatch = problem;
	}

	/**
	 * OPA polls for a newly published revision within seconds: not serving it yet is no event for
	 * the DPO's history (the log still says it), only a mismatch after that is.
	 */
	private boolean justPublished() {
		Instant since = status.liveSince();
		return since != null && since.plusSeconds(10).isAfter(clock.instant());
	}

	/** Null when the folder may go live, else why not. */
	private String validate(Path folder) {
		Run check = run("check", "--strict", "--capabilities", DraftCapabilities.file(binary).toString(), folder.toString());
		if (check.exit != 0) {
			return "they do not parse or compile (network and runtime built-ins are not allowed): "
					+ ServerPaths.scrub(check.output, folder);
		}
		Run test = run("test", "--timeout", "120s", folder.toString());
		if (test.exit != 0) {
			return "their own tests fail: " + ServerPaths.scrub(test.output, folder);
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

	/**
	 * A copy of the folder, validated and bundled as one, so an edit made meanwhile cannot go
	 * live unchecked.
	 */
	public Path snapshot() {
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

	/** Deletes a snapshot once its check is over, whatever the outcome. */
	public void discard(Path copy) {
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
