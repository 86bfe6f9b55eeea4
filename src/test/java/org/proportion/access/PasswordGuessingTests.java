package org.proportion.access;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.proportion.support.GatewayTestSupport;
import org.proportion.support.MovableTime;
import org.proportion.support.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Someone guesses the DPO's password over the API: after five wrong passwords even the right one
 * is refused, with the same answer as a wrong one, until the lock ends; the admin signs in
 * meanwhile, and once the lock has passed the DPO's right password works again.
 */
@Import(MovableTime.class)
class PasswordGuessingTests extends GatewayTestSupport {

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		embeddedDefaults(registry);
	}

	@Autowired
	TestRestTemplate rest;

	@Autowired
	MutableClock clock;

	HttpStatus retention(String user, String password) {
		return HttpStatus.valueOf(
				rest.withBasicAuth(user, password).getForEntity("/api/dpo/retention", String.class).getStatusCode().value());
	}

	@Test
	void fiveWrongPasswordsLockTheAccountForEveryPasswordUntilTheLockEnds() {
		assertThat(retention("dpo", "dpo-test")).isEqualTo(HttpStatus.OK);
		for (int i = 0; i < 5; i++) {
			assertThat(retention("dpo", "guess-" + i)).isEqualTo(HttpStatus.UNAUTHORIZED);
		}
		assertThat(retention("dpo", "dpo-test")).as("the right password, while locked").isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(rest.withBasicAuth("admin", "admin-test").getForEntity("/api/meetings/rs-mam-2026-12/deliveries", String.class).getStatusCode())
			.as("another account").isEqualTo(HttpStatus.OK);
		// A name that is no account is answered as a wrong password, locked or not.
		for (int i = 0; i < 6; i++) {
			assertThat(retention("nobody", "guess")).isEqualTo(HttpStatus.UNAUTHORIZED);
		}

		clock.set(clock.instant().plus(Duration.ofSeconds(31)));
		assertThat(retention("dpo", "dpo-test")).isEqualTo(HttpStatus.OK);
	}

}
