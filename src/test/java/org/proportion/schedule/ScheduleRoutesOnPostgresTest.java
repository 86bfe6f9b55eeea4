package org.proportion.schedule;

import org.proportion.support.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The schedule's routes on PostgreSQL, as in production: the outbox's claim (a conditional
 * update) and each message sent once hold there too.
 */
class ScheduleRoutesOnPostgresTest extends ScheduleRoutesTests {

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		sharedOpa(registry);
		folders(registry, tempDir());
		TestDatabases.postgres(registry);
		smtpConfigured(registry);
	}

}
