package org.proportion;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/** The Proportion gateway: agency records in, one policy-checked view per attendee out. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ProportionApplication {

	/** One clock for expiry and retention, so tests can move time instead of waiting. */
	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	public static void main(String[] args) {
		ConfigurableApplicationContext context = SpringApplication.run(ProportionApplication.class, args);
		// A one-shot command (e.g. verify-log) exits with its own code once it has run.
		if (context.getEnvironment().containsProperty("proportion.command")) {
			System.exit(SpringApplication.exit(context));
		}
	}

}
