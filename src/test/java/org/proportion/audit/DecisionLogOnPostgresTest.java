package org.proportion.audit;

import org.proportion.support.TestDatabases;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The decision log on PostgreSQL, as in production; a fresh schema per test. */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
class DecisionLogOnPostgresTest extends DecisionLogTests {

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		sharedOpa(registry);
		folders(registry, tempDir());
		TestDatabases.postgres(registry);
	}

}
