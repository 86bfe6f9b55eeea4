package org.proportion.pack;

import java.io.IOException;
import java.io.Writer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Builds give way to attendees opening their views. Before a meeting many attendees open their
 * links at once, and a build (the schedule's, or an organiser's after a late change) wants both
 * cores for a second or more; openings that queue behind it are what a reader notices, a pack
 * that takes a few seconds longer is not.
 *
 * <p>The view handler says when an opening starts and ends (from its link resolving until its
 * view is found and its opening logged; not while the bytes go out to a slow reader). A build's
 * threads call {@link #giveWay()} between small steps (a case, a view's next 32,768 characters, a
 * thousand decisions of the fingerprint), never inside the release's transaction, which stays
 * short; preparing the log's rows (the audit package's work) is not paced. While no opening is
 * being answered it returns at once. While openings are being answered, the build runs in
 * windows: {@code run} of work, then each build thread that reaches a step pauses for up to
 * {@code pause}, or until no opening is left, whichever comes first. So during a rush a build
 * still moves (about run / (run + pause) of its speed, more between openings) and never stops;
 * nothing it promises changes, only when it finishes. And a build gives way for at most
 * {@code limit} from its start (a minute): however long the rush, or however many openings one
 * link is asked for, a build (an erasure's among them) then runs at its own speed.
 */
@Component
public class BuildPacing {

	private static final int WRITER_STEP = 32_768;

	private final AtomicInteger openings = new AtomicInteger();

	private final long runNanos;

	private final long pauseNanos;

	private final long limitNanos;

	private final LongSupplier clock;

	private volatile long buildStarted;

	private final Pause sleeper;

	// While openings are being answered: when the build's running window ends (its pause ends
	// pauseNanos later).
	private final AtomicLong windowEnds = new AtomicLong(Long.MIN_VALUE);

	/** Parks the calling thread for up to the given nanoseconds (a test passes a fake). */
	@FunctionalInterface
	interface Pause {

		void park(long nanos);

	}

	@Autowired
	BuildPacing(@Value("${proportion.pack.give-way.run:2ms}") Duration run,
			@Value("${proportion.pack.give-way.pause:30ms}") Duration pause,
			@Value("${proportion.pack.give-way.limit:60s}") Duration limit) {
		this(run, pause, limit, System::nanoTime, LockSupport::parkNanos);
	}

	BuildPacing(Duration run, Duration pause, Duration limit, LongSupplier clock, Pause sleeper) {
		this.runNanos = Math.max(0, run.toNanos());
		this.pauseNanos = Math.max(0, pause.toNanos());
		this.limitNanos = Math.max(0, limit.toNanos());
		this.clock = clock;
		this.sleeper = sleeper;
	}

	/** A build starts (builds run one at a time in a gateway): its time to give way starts now. */
	public void buildStarted() {
		buildStarted = clock.getAsLong();
	}

	/** An attendee's opening is being answered (until {@link #openingEnded()}). */
	public void openingStarted() {
		openings.incrementAndGet();
	}

	public void openingEnded() {
		openings.decrementAndGet();
	}

	/** Openings being answered now (none once every opening has been answered). */
	public int openings() {
		return openings.get();
	}

	/**
	 * Called by a build between steps: returns at once unless openings are being answered and
	 * the build's window has run out; then waits out the pause (ending early once no opening is
	 * left, or when the thread is interrupted).
	 */
	public void giveWay() {
		if (openings.get() == 0 || pauseNanos == 0) {
			return;
		}
		long now = clock.getAsLong();
		if (now - buildStarted > limitNanos) {
			return;
		}
		long window = windowEnds.get();
		if (window == Long.MIN_VALUE || now - window > pauseNanos + runNanos) {
			// The first step since openings began (or since a long quiet): a window starts now.
			windowEnds.set(now + runNanos);
			return;
		}
		if (now - window < 0) {
			return;
		}
		long until = window + pauseNanos;
		while (openings.get() > 0 && !Thread.currentThread().isInterrupted()) {
			long left = until - clock.getAsLong();
			if (left <= 0) {
				break;
			}
			sleeper.park(Math.min(left, 1_000_000));
		}
		// The next window, once per pause whichever thread ends it first.
		windowEnds.compareAndSet(window, clock.getAsLong() + runNanos);
	}

	/** A writer that gives way every 32,768 characters written through it. */
	Writer paced(Writer out) {
		return new Writer() {

			private int since;

			@Override
			public void write(char[] text, int offset, int length) throws IOException {
				out.write(text, offset, length);
				step(length);
			}

			@Override
			public void write(String text, int offset, int length) throws IOException {
				out.write(text, offset, length);
				step(length);
			}

			@Override
			public void write(int c) throws IOException {
				out.write(c);
				step(1);
			}

			private void step(int written) {
				since += written;
				if (since >= WRITER_STEP) {
					since = 0;
					giveWay();
				}
			}

			@Override
			public void flush() throws IOException {
				out.flush();
			}

			@Override
			public void close() throws IOException {
				out.close();
			}
		};
	}

}
