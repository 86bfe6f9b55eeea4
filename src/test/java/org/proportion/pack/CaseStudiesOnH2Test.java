package org.proportion.pack;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The case studies on the embedded default database. */
class CaseStudiesOnH2Test extends CaseStudiesTests {

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		embeddedDefaults(registry);
	}

}
