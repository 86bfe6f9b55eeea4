package org.proportion.web;

import java.nio.file.Path;

import org.proportion.support.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Bad input on the embedded database. */
class BadInputOnH2Test extends BadInputTests {

	static final Path WORK = tempDir();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		sharedOpa(registry);
		folders(registry, WORK);
		TestDatabases.h2(registry);
	}

	@Override
	Path work() {
		return WORK;
	}

}
