package org.proportion.pack;

import java.io.StringWriter;
import java.io.Writer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Builds give way to openings: not at all while nobody is opening a view; while someone is, in
 * windows of work and pauses that end early when the openings do, so a build always moves.
 * On a made-up clock: a millisecond is 1,000,000.
 */
class BuildPacingTests {

	static final long MS = 1_000_000;

	long now = 0;

	final List<Long> parked = new ArrayList<>();

	BuildPacing pacing(Runnable eachPark) {
		BuildPacing pacing = new BuildPacing(Duration.ofMillis(2), Duration.ofMillis(10), Duration.ofSeconds(60), () -> now, nanos -> {
			parked.add(nanos);
			now += nanos;
			eachPark.run();
		});
		pacing.buildStarted();
		return pacing;
	}

	@Test
	void withNoOpeningABuildNeverWaits() {
		BuildPacing pacing = pacing(() -> {
		});
		for (int step = 0; step < 1_000; step++) {
			pacing.giveWay();
			now += MS;
		}
		assertThat(parked).isEmpty();
	}

	@Test
	void whileOpeningsAreAnsweredABuildRunsTwoMillisecondsThenPausesTen() {
		BuildPacing pacing = pacing(() -> {
		});
		pacing.openingStarted();
		long worked = 0;
		long started = now;
		for (int step = 0; step < 600; step++) {
			pacing.giveWay();
			now += MS / 10; // a step of work: a tenth of a millisecond
			worked += MS / 10;
		}
		long waited = parked.stream().mapToLong(Long::longValue).sum();
		assertThat(waited).as("it paused").isPositive();
		// About 2 ms of work in each 12 ms, never more than a step over.
		assertThat((double) worked / (now - started)).isBetween(0.15, 0.22);
		assertThat(parked).allMatch(nanos -> nanos <= MS);
	}

	@Test
	void aPauseEndsAsSoonAsTheLastOpeningIsAnswered() {
		BuildPacing[] pacing = new BuildPacing[1];
		pacing[0] = pacing(() -> {
			if (parked.size() == 3) {
				pacing[0].openingEnded();
			}
		});
		pacing[0].openingStarted();
		pacing[0].giveWay(); // the window starts
		now += 3 * MS; // and has run out
		pacing[0].giveWay();
		assertThat(parked).as("three 1 ms parks, then the opening ended").hasSize(3);
		pacing[0].giveWay();
		assertThat(parked).hasSize(3);
	}

	@Test
	void aBuildGivesWayForAMinuteAtMostThenRunsAtItsOwnSpeed() {
		BuildPacing pacing = pacing(() -> {
		});
		pacing.openingStarted();
		while (now < 61_000 * MS) {
			pacing.giveWay();
			now += MS / 10;
		}
		int parks = parked.size();
		assertThat(parks).as("it gave way during its first minute").isPositive();
		for (int step = 0; step < 10_000; step++) {
			pacing.giveWay();
			now += MS / 10;
		}
		assertThat(parked).as("and not after").hasSize(parks);
		// The next build gives way again.
		pacing.buildStarted();
		pacing.giveWay();
		now += 3 * MS;
		pacing.giveWay();
		assertThat(parked.size()).isGreaterThan(parks);
	}

	@Test
	void anInterruptedBuildIsNotHeldBack() {
		BuildPacing pacing = pacing(() -> {
		});
		pacing.openingStarted();
		pacing.giveWay();
		now += 3 * MS;
		Thread.currentThread().interrupt();
		try {
			pacing.giveWay();
			assertThat(parked).isEmpty();
		}
		finally {
			Thread.interrupted();
		}
	}

	/**
	 * A build's workers share one window: once it has run out while an opening is answered, every
	 * worker that reaches a step waits, and all go on together when the last opening ends. On the
	 * real clock, with a pause longer than the test, so a worker still waiting when the opening has
	 * ended shows as one that never finishes.
	 */
	@Test
	void everyWorkerOfABuildWaitsWhileAnOpeningIsAnsweredAndAllGoOnWhenItEnds() throws Exception {
		BuildPacing pacing = new BuildPacing(Duration.ofMillis(1), Duration.ofSeconds(30), Duration.ofSeconds(60));
		pacing.buildStarted();
		pacing.openingStarted();
		java.util.concurrent.atomic.AtomicInteger steps = new java.util.concurrent.atomic.AtomicInteger();
		List<Thread> workers = new ArrayList<>();
		for (int w = 0; w < 4; w++) {
			Thread worker = new Thread(() -> {
				for (int step = 0; step < 100; step++) {
					pacing.giveWay();
					java.util.concurrent.locks.LockSupport.parkNanos(200_000); // a step of work
					steps.incrementAndGet();
				}
			}, "build-worker-" + w);
			worker.setDaemon(true);
			workers.add(worker);
			worker.start();
		}
		try {
			Thread.sleep(500);
			int held = steps.get();
			Thread.sleep(500);
			assertThat(steps.get()).as("no worker took a step while the opening was answered").isEqualTo(held);
			assertThat(held).as("unpaced, the workers would have finished their 400 steps").isLessThan(400);
			assertThat(workers).allMatch(Thread::isAlive);

			pacing.openingEnded();
			// Well within the 30 s pause, for all of them together.
			long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
			for (Thread worker : workers) {
				worker.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
			}
			assertThat(workers).as("every worker went on once the opening ended").noneMatch(Thread::isAlive);
			assertThat(steps.get()).isEqualTo(400);
		}
		finally {
			workers.forEach(Thread::interrupt);
		}
	}

	@Test
	void aPacedWriterWritesEverythingAndGivesWayAsItGoes() throws Exception {
		BuildPacing pacing = pacing(() -> {
		});
		pacing.openingStarted();
		pacing.giveWay();
		now += 3 * MS;
		StringWriter text = new StringWriter();
		try (Writer out = pacing.paced(text)) {
			for (int i = 0; i < 10_000; i++) {
				out.write("case note, line " + i + "\n");
			}
			out.write('!');
		}
		assertThat(text.toString()).startsWith("case note, line 0\n").endsWith("line 9999\n!").hasLineCount(10_001);
		assertThat(parked).as("it gave way while writing").isNotEmpty();
	}

}
