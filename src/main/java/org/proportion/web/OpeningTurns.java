package org.proportion.web;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Lets at most a few attendee openings run at once, in the order they arrived. When many
 * attendees open their links together, two cores serve a few openings at a time faster, and more
 * evenly, than fifty at once: fifty threads sharing two cores spend their time switching, and
 * whichever holds a lock (a database page, a pool, a queue) when its core is taken away makes the
 * others wait. An opening that has waited longer than the wait allowed is refused (the caller
 * answers "not available now", with no data) rather than queued without end.
 */
final class OpeningTurns {

	private final Semaphore turns;

	private final Duration wait;

	/** @param atOnce openings that run at once; 0 or less: four per core */
	OpeningTurns(int atOnce, Duration wait) {
		this.turns = new Semaphore(atOnce > 0 ? atOnce : 4 * Runtime.getRuntime().availableProcessors(), true);
		this.wait = wait;
	}

	/** Runs the opening in its turn; throws {@link IllegalStateException} if the turn did not come in time. */
	<T> T inTurn(Supplier<T> opening) {
		try {
			if (!turns.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new IllegalStateException("Too many openings waiting");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting to open", ex);
		}
		try {
			return opening.get();
		}
		finally {
			turns.release();
		}
	}

}
