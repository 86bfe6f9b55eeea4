package org.proportion.access;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.web.PathPatternRequestMatcherBuilderFactoryBean;

/**
 * Every security rule's URL pattern (the API's and the console's) is matched as a path pattern,
 * the way Spring MVC's own mappings match it, instead of asking Spring MVC's handler mappings
 * once for each rule on each request: that introspection was about a fifth of the CPU of
 * opening an attendee's view (JFR samples, {@code ./proportion bench views}). The patterns, the
 * order of the rules and "anything not listed is refused" are unchanged.
 */
@Configuration
class PathMatching {

	@Bean
	static PathPatternRequestMatcherBuilderFactoryBean pathPatternRequestMatchers() {
		return new PathPatternRequestMatcherBuilderFactoryBean();
	}

}
