package org.proportion.pack;

/**
 * Where a pack build spent its time, in milliseconds, and how much it wrote: cheap counters for
 * the pack benchmark and the debug log, so a slow phase is found without a profiler. Holds no
 * personal data.
 *
 * @param trends the trends decision and the counting of the cohort
 * @param load reading the agenda's case records and their facts
 * @param policy the case decisions, asked of OPA in parallel (wall time)
 * @param scan the case notes' first scan, in parallel (wall time)
 * @param redact redacting the scanned notes per attendee (summed)
 * @param assemble the views' rows, less redaction (wall time)
 * @param render each view serialised to JSON, hashed and rendered as HTML (wall time)
 * @param store the one transaction: pack, views, decision log, deliveries
 * @param total the whole build, wall time
 * @param logRows decision log rows written
 * @param views views stored
 */
public record BuildTimings(long trends, long load, long policy, long scan, long redact, long assemble, long render,
		long store, long total, int logRows, int views) {

	static long since(long startNanos) {
		return (System.nanoTime() - startNanos) / 1_000_000;
	}

}
