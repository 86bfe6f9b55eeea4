package org.proportion.schedule;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The schedule's routes on the embedded database, the first-run default. */
class ScheduleRoutesOnH2Test extends ScheduleRoutesTests {

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		embeddedDefaults(registry);
		smtpConfigured(registry);
	}

}
