package org.proportion.pack;

import org.proportion.support.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The case studies on PostgreSQL, as in production. */
class CaseStudiesOnPostgresTest extends CaseStudiesTests {

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		sharedOpa(registry);
		folders(registry, tempDir());
		TestDatabases.postgres(registry);
	}

}
