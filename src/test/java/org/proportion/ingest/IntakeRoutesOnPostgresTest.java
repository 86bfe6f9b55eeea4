package org.proportion.ingest;

import org.proportion.support.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The intake route on PostgreSQL, as in production: the digest and the records commit in one
 * transaction there too, and a failed store's digest is rolled back with it.
 */
class IntakeRoutesOnPostgresTest extends IntakeRoutesTests {

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		sharedOpa(registry);
		folders(registry, tempDir());
		TestDatabases.postgres(registry);
	}

}
