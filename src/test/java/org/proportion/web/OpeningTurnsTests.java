package org.proportion.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/**
 * Openings take turns: no more run at once than allowed, one that waits too long is refused
 * without running, and a turn is given back whatever the opening did.
 */
class OpeningTurnsTests {

	@Test
	void noMoreOpeningsRunAtOnceThanAllowed() throws Exception {
		OpeningTurns turns = new OpeningTurns(2, Duration.ofSeconds(10));
		AtomicInteger running = new AtomicInteger();
		AtomicInteger most = new AtomicInteger();
		java.util.concurrent.ExecutorService attendees = java.util.concurrent.Executors.newFixedThreadPool(12);
		CompletableFuture<?>[] openings = new CompletableFuture<?>[12];
		for (int i = 0; i < openings.length; i++) {
			openings[i] = CompletableFuture.runAsync(() -> turns.inTurn(() -> {
				most.accumulateAndGet(running.incrementAndGet(), Math::max);
				sleep(20);
				running.decrementAndGet();
				return null;
			}), attendees);
		}
		CompletableFuture.allOf(openings).get(30, TimeUnit.SECONDS);
		attendees.shutdown();
		assertThat(most).hasValue(2);
	}

	@Test
	void anOpeningWhoseTurnDoesNotComeInTimeIsRefusedWithoutRunning() throws Exception {
		OpeningTurns turns = new OpeningTurns(1, Duration.ofMillis(200));
		CountDownLatch holding = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		CompletableFuture<Object> first = CompletableFuture.supplyAsync(() -> turns.inTurn(() -> {
			holding.countDown();
			await(release);
			return "first";
		}));
		assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
		AtomicInteger ran = new AtomicInteger();
		assertThatThrownBy(() -> turns.inTurn(ran::incrementAndGet)).isInstanceOf(IllegalStateException.class);
		assertThat(ran).hasValue(0);
		release.countDown();
		assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("first");
		// the turn was given back
		assertThat(turns.inTurn(() -> "next")).isEqualTo("next");
	}

	@Test
	void aTurnIsGivenBackWhenTheOpeningFails() {
		OpeningTurns turns = new OpeningTurns(1, Duration.ofMillis(200));
		assertThatThrownBy(() -> turns.inTurn(() -> {
			throw new IllegalStateException("the view log could not be written");
		})).hasMessageContaining("view log");
		assertThat(turns.inTurn(() -> "opened")).isEqualTo("opened");
	}

	private static void sleep(long ms) {
		try {
			Thread.sleep(ms);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
