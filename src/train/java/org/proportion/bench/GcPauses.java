package org.proportion.bench;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The collector's pauses during a benchmark phase, for the views bench: every young or mixed
 * collection stops every thread, so each pause lands on every opening in flight. With 50
 * connections a pause holds 50 openings at once, so a few dozen pauses of 20 ms in a 30 s phase
 * are enough to set its p99. Concurrent cycles (marking) do not stop the application and are
 * not counted.
 */
public final class GcPauses {

	private static final AtomicLong COUNT = new AtomicLong();

	private static final AtomicLong TOTAL_MICROS = new AtomicLong();

	private static final AtomicLong LONGEST_MICROS = new AtomicLong();

	private static final AtomicLong OVER_10_MS = new AtomicLong();

	static {
		// Concurrent cycles (marking) do not stop the application.
		GcNotifications.onEachCollection(name -> !name.contains("Concurrent"), info -> {
			// The bean reports milliseconds; good enough to count and sum pauses.
			long micros = info.getGcInfo().getDuration() * 1000;
			COUNT.incrementAndGet();
			TOTAL_MICROS.addAndGet(micros);
			LONGEST_MICROS.accumulateAndGet(micros, Math::max);
			if (micros > 10_000) {
				OVER_10_MS.incrementAndGet();
			}
		});
	}

	private GcPauses() {
	}

	public static void reset() {
		COUNT.set(0);
		TOTAL_MICROS.set(0);
		LONGEST_MICROS.set(0);
		OVER_10_MS.set(0);
	}

	/** For example "GC 102 pauses, 900 ms in all, 31 over 10 ms, longest 34 ms". */
	public static String summary() {
		return String.format(Locale.ROOT, "GC %d pauses, %d ms in all, %d over 10 ms, longest %d ms", COUNT.get(),
				TOTAL_MICROS.get() / 1000, OVER_10_MS.get(), LONGEST_MICROS.get() / 1000);
	}

}
