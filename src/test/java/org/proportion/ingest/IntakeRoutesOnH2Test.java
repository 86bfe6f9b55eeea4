package org.proportion.ingest;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The intake route on the embedded database, the first-run default. */
class IntakeRoutesOnH2Test extends IntakeRoutesTests {

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		embeddedDefaults(registry);
	}

}
