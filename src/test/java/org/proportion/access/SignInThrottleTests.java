package org.proportion.access;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.proportion.support.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

/** The lock rule alone, on a clock the test moves: five wrong passwords free, then locks that double. */
class SignInThrottleTests {

	final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T09:00:00Z"));

	final SignInThrottle throttle = new SignInThrottle(clock, 5, Duration.ofSeconds(30), Duration.ofMinutes(15));

	void wrong(String name, int times) {
		for (int i = 0; i < times; i++) {
			throttle.failed(name);
		}
	}

	void after(Duration wait) {
		clock.set(clock.instant().plus(wait));
	}

	@Test
	void fourWrongPasswordsLockNothingAndTheFifthLocksFor30Seconds() {
		wrong("admin", 4);
		assertThat(throttle.locked("admin")).isFalse();
		wrong("admin", 1);
		assertThat(throttle.locked("admin")).isTrue();
		after(Duration.ofSeconds(29));
		assertThat(throttle.locked("admin")).isTrue();
		after(Duration.ofSeconds(1));
		assertThat(throttle.locked("admin")).isFalse();
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
	void guessesDuringALockDoNotLengthenIt() {
		wrong("dpo", 5);
		after(Duration.ofSeconds(20));
		wrong("dpo", 50);
		after(Duration.ofSeconds(10));
		assertThat(throttle.locked("dpo")).isFalse();
	}

	@Test
	void aRightPasswordStartsTheCountOverAndOtherAccountsAreNotTouched() {
		wrong("admin", 4);
		throttle.succeeded("admin");
		wrong("admin", 4);
		assertThat(throttle.locked("admin")).isFalse();
		wrong("ADMIN", 1);
		assertThat(throttle.locked("admin")).as("names without case, as the account store").isTrue();
		assertThat(throttle.locked("dpo")).isFalse();
	}

}
