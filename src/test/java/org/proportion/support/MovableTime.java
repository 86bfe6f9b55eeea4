package org.proportion.support;

import java.time.Instant;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The gateway's clock for a test that moves time forward (a lock that ends, 72 hours that pass):
 * it starts at the real time and moves only when the test says. {@code @Import(MovableTime.class)}
 * and autowire the {@link MutableClock}.
 */
@TestConfiguration
public class MovableTime {

	@Bean
	@Primary
	MutableClock movableClock() {
		return new MutableClock(Instant.now());
	}

}
