package org.proportion.ops;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.proportion.audit.LogEntry;
import org.proportion.redact.EntityType;
import org.proportion.redact.ScanObserver;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The gateway's own metrics, in one place so that what may become a label is decided once. A
 * label is only ever a code from a closed vocabulary the gateway or its policies define: a
 * failure or parking code, a decision's action and rule id, an entity type. Never a meeting id,
 * case reference, attendee, agency file name or any value from a record: those would put personal
 * data (or the shape of a case) into every scrape and every dashboard. A label that does not look
 * like such a code is counted as {@code other} rather than exported.
 */
@Component
public class GatewayMetrics implements ScanObserver {

	public static final String PACKS_BUILT = "proportion.packs.built";

	public static final String PACKS_FAILED = "proportion.packs.failed";

	public static final String PACK_BUILD = "proportion.pack.build";

	public static final String DECISIONS = "proportion.decisions";

	public static final String PARKED = "proportion.intake.parked";

	public static final String ENTITIES = "proportion.redaction.entities";

	public static final String SCAN = "proportion.redaction.scan";

	public static final String VIEW_OPENINGS = "proportion.views.openings";

	/** What became of a request to a view link: the only label its timer has. */
	public enum Opening {

		/** The attendee's view was sent (and the opening logged). */
		SENT,
		/** Refused: the link opens nothing (not valid, expired, revoked, no pack yet), names a superseded version, or the method is not GET. */
		REFUSED,
		/** Not answered with the view: the opening failed (the view log could not be written, no turn came in 10 s; nothing sent) or the answer could not be written to the reader. */
		UNAVAILABLE;

		String label() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

	}

	static final String OTHER = "other";

	// Codes are lower_snake_case (failure and parking codes); rule ids add dots (sharing.police_named).
	private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_]{0,47}");

	private static final Pattern RULE = Pattern.compile("[a-z][a-z0-9_]{0,47}(\\.[a-z0-9_]{1,48}){0,4}");

	private final MeterRegistry registry;

	private final Counter built;

	private final Map<Opening, Timer> openings = new java.util.EnumMap<>(Opening.class);

	GatewayMetrics(MeterRegistry registry) {
		this.registry = registry;
		this.built = Counter.builder(PACKS_BUILT).description("Pack builds released").register(registry);
		// Present from the start (at zero), so a dashboard sees the series before the first build.
		buildTimer("released");
		for (Opening outcome : Opening.values()) {
			openings.put(outcome, Timer.builder(VIEW_OPENINGS)
				.description("Requests to attendees' view links, by outcome (they are not in http.server.requests)")
				.tag("outcome", outcome.label())
				.register(registry));
		}
	}

	/** One request to a view link, timed from the handler being reached to its answer's last byte. */
	public void viewOpening(Opening outcome, long nanos) {
		openings.get(outcome).record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
	}

	/** A pack was built and released. */
	public void packBuilt(Duration took) {
		built.increment();
		buildTimer("released").record(took);
	}

	/** A build released nothing; {@code code} is its failure code (policy_unreachable, build_error...). */
	public void packFailed(String code, Duration took) {
		Counter.builder(PACKS_FAILED)
			.description("Pack builds that released nothing, by failure code")
			.tag("code", code(code))
			.register(registry)
			.increment();
		buildTimer("failed").record(took);
	}

	/**
	 * Decisions written to the decision log, by action and rule. Counted once the caller's
	 * transaction commits (a rolled-back build logged nothing); at once outside a transaction.
	 */
	public void decisionsLogged(List<LogEntry> entries) {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			List<LogEntry> logged = List.copyOf(entries);
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					count(logged);
				}
			});
		}
		else {
			count(entries);
		}
	}

	// A large pack logs tens of thousands of entries: one counter update per action and rule.
	private void count(List<LogEntry> entries) {
		Map<List<String>, Long> tally = new HashMap<>();
		for (LogEntry entry : entries) {
			tally.merge(List.of(code(entry.decision().action().wire()), rule(entry.decision().rule())), 1L, Long::sum);
		}
		tally.forEach((key, n) -> Counter.builder(DECISIONS)
			.description("Decisions written to the decision log, by action and policy rule")
			.tag("action", key.get(0))
			.tag("rule", key.get(1))
			.register(registry)
			.increment(n));
	}

	/** A drop was parked in the dead letter with this reason code. */
	public void parked(String reason) {
		Counter.builder(PARKED)
			.description("Drops parked in the dead letter, by reason code")
			.tag("reason", code(reason))
			.register(registry)
			.increment();
	}

	/** One note scanned by the redaction engine: its time and its findings by type. */
	@Override
	public void scanned(long nanos, Map<EntityType, Integer> counts) {
		Timer.builder(SCAN).description("Case note scans by the redaction engine").register(registry).record(Duration.ofNanos(nanos));
		counts.forEach((type, n) -> Counter.builder(ENTITIES)
			.description("Entities the redaction engine found in case notes, by type")
			.tag("type", type.name())
			.register(registry)
			.increment(n));
	}

	private Timer buildTimer(String outcome) {
		return Timer.builder(PACK_BUILD)
			.description("Pack build time, by outcome")
			.tag("outcome", outcome)
			.register(registry);
	}

	static String code(String value) {
		return value != null && CODE.matcher(value).matches() ? value : OTHER;
	}

	static String rule(String value) {
		return value != null && RULE.matcher(value).matches() ? value : OTHER;
	}

}
