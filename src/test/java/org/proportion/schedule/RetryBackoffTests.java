package org.proportion.schedule;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The wait before a failed build is tried again: doubling from the base, never past ten minutes. */
class RetryBackoffTests {

	@Test
	void theWaitDoublesWithEachFailureInARow() {
		Duration base = Duration.ofSeconds(30);
		assertThat(PackScheduler.backoff(base, 1)).isEqualTo(Duration.ofSeconds(30));
		assertThat(PackScheduler.backoff(base, 2)).isEqualTo(Duration.ofSeconds(60));
		assertThat(PackScheduler.backoff(base, 3)).isEqualTo(Duration.ofSeconds(120));
		assertThat(PackScheduler.backoff(base, 5)).isEqualTo(Duration.ofSeconds(480));
	}

	@Test
	void theWaitNeverPassesTenMinutesHoweverManyFailures() {
		Duration base = Duration.ofSeconds(30);
		assertThat(PackScheduler.backoff(base, 6)).isEqualTo(Duration.ofMinutes(10));
		assertThat(PackScheduler.backoff(base, 500)).isEqualTo(Duration.ofMinutes(10));
		assertThat(PackScheduler.backoff(Duration.ofHours(1), 1)).isEqualTo(Duration.ofMinutes(10));
	}

	@Test
	void aZeroBaseRetriesAtOnce() {
		assertThat(PackScheduler.backoff(Duration.ZERO, 4)).isZero();
	}

}
