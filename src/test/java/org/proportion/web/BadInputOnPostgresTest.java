package org.proportion.web;

import java.nio.file.Path;

import org.proportion.support.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Bad input on PostgreSQL, where the attendee key is scoped by the same migration. */
class BadInputOnPostgresTest extends BadInputTests {

	static final Path WORK = tempDir();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		sharedOpa(registry);
		folders(registry, WORK);
		TestDatabases.postgres(registry);
	}

	@Override
	Path work() {
		return WORK;
	}

}
