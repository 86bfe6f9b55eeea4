package org.proportion.access;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.proportion.support.MutableClock;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The lock rule alone, on a clock the test moves: five wrong passwords free, then locks that double. */
class SignInThrottleTests {

	final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T09:00:00Z"));

	final SignInThrottle throttle = new SignInThrottle(clock, 5, Duration.ofSeconds(30), Duration.ofMinutes(15),
			Duration.ofHours(24));

	void wrong(String name, int times) {
		for (int i = 0; i < times; i++) {
			assertThatThrownBy(() -> throttle.check(name, () -> {
				throw new BadCredentialsException("wrong");
			})).isInstanceOfAny(BadCredentialsException.class, LockedException.class);
		}
	}

	Authentication right(String name) {
		return throttle.check(name, () -> UsernamePasswordAuthenticationToken.authenticated(name, null, List.of()));
	}

	void after(Duration wait) {
		clock.set(clock.instant().plus(wait));
	}

	@Test
	void fourWrongPasswordsLockNothingAndTheFifthLocksFor30SecondsEvenForTheRightOne() {
		wrong("admin", 4);
		assertThat(throttle.locked("admin")).isFalse();
		wrong("admin", 1);
		assertThat(throttle.locked("admin")).isTrue();
		assertThatThrownBy(() -> right("admin")).isInstanceOf(LockedException.class);
		after(Duration.ofSeconds(29));
		assertThat(throttle.locked("admin")).isTrue();
		after(Duration.ofSeconds(1));
		assertThat(throttle.locked("admin")).isFalse();
		assertThat(right("admin").isAuthenticated()).isTrue();
	}

	@Test
	void eachWrongPasswordAfterALockLocksForTwiceAsLongUpTo15Minutes() {
		wrong("admin", 5);
		after(Duration.ofSeconds(30));
		wrong("admin", 1);
		after(Duration.ofSeconds(59));
		assertThat(throttle.locked("admin")).as("60 s after the sixth").isTrue();
		after(Duration.ofSeconds(1));
		assertThat(throttle.locked("admin")).isFalse();
		for (int i = 0; i < 10; i++) {
			wrong("admin", 1);
			after(Duration.ofMinutes(15));
		}
		wrong("admin", 1);
		after(Duration.ofMinutes(15).minusSeconds(1));
		assertThat(throttle.locked("admin")).as("never longer than 15 minutes").isTrue();
		after(Duration.ofSeconds(1));
		assertThat(throttle.locked("admin")).isFalse();
	}

	@Test
	void guessesDuringALockDoNotLengthenItAndAreNotChecked() {
		wrong("dpo", 5);
		after(Duration.ofSeconds(20));
		AtomicInteger checked = new AtomicInteger();
		for (int i = 0; i < 50; i++) {
			assertThatThrownBy(() -> throttle.check("dpo", () -> {
				checked.incrementAndGet();
				throw new BadCredentialsException("wrong");
			})).isInstanceOf(LockedException.class);
		}
		assertThat(checked).hasValue(0);
		after(Duration.ofSeconds(10));
		assertThat(throttle.locked("dpo")).isFalse();
	}

	@Test
	void aRightPasswordDoesNotWipeTheCountButADayWithoutAWrongOneDoes() {
		wrong("outreach", 4);
		right("outreach");
		wrong("outreach", 1);
		assertThat(throttle.locked("outreach")).as("four, a right one, then the fifth").isTrue();
		after(Duration.ofHours(24));
		wrong("OUTREACH", 4);
		assertThat(throttle.locked("outreach")).as("forgotten after a day; names without case").isFalse();
		wrong("outreach", 1);
		assertThat(throttle.locked("outreach")).isTrue();
		assertThat(throttle.locked("dpo")).as("another account").isFalse();
	}

	/** Forty guesses sent at once, each check as slow as bcrypt: how many passwords were checked. */
	int burst(String name) throws Exception {
		AtomicInteger checked = new AtomicInteger();
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService guessers = Executors.newFixedThreadPool(40);
		try {
			List<Future<?>> guesses = new ArrayList<>();
			for (int i = 0; i < 40; i++) {
				guesses.add(guessers.submit(() -> {
					start.await();
					try {
						throttle.check(name, () -> {
							checked.incrementAndGet();
							sleepQuietly(200);
							throw new BadCredentialsException("wrong");
						});
					}
					catch (BadCredentialsException | LockedException refused) {
						// Both answers look the same to the guesser.
					}
					return null;
				}));
			}
			start.countDown();
			for (Future<?> guess : guesses) {
				guess.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			guessers.shutdownNow();
		}
		return checked.get();
	}

	@Test
	void aFirstBurstOfGuessesGetsAtMostSixteenCheckedAndThenTheLock() throws Exception {
		assertThat(burst("admin")).isBetween(1, SignInThrottle.AT_ONCE);
		assertThat(throttle.locked("admin")).isTrue();
	}

	@Test
	void withWrongPasswordsOnRecordABurstGetsOnlyTheFreeOnesLeftAndAfterALockOneAtATime() throws Exception {
		wrong("admin", 3);
		assertThat(burst("admin")).as("two free wrong passwords left").isEqualTo(2);
		assertThat(throttle.locked("admin")).isTrue();
		after(Duration.ofMinutes(15));
		assertThat(throttle.locked("admin")).isFalse();
		assertThat(burst("admin")).as("after the lock").isEqualTo(1);
		assertThat(throttle.locked("admin")).isTrue();
	}

	@Test
	void guessesAtOneNameDoNotHoldUpAnotherNamesSignIn() throws Exception {
		CountDownLatch checking = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		Thread guess = new Thread(() -> {
			try {
				throttle.check("nobody", () -> {
					checking.countDown();
					try {
						release.await(30, TimeUnit.SECONDS);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
					throw new BadCredentialsException("wrong");
				});
			}
			catch (BadCredentialsException expected) {
				// The guess was wrong.
			}
		});
		guess.start();
		try {
			assertThat(checking.await(30, TimeUnit.SECONDS)).isTrue();
			// While that guess is being checked, another name signs in at once.
			assertThat(right("dpo").isAuthenticated()).isTrue();
		}
		finally {
			release.countDown();
			guess.join(30_000);
		}
	}

	static void sleepQuietly(long ms) {
		try {
			Thread.sleep(ms);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
