package org.proportion.web;

import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;

/**
 * Routes the attendee view addresses to {@link AttendeeViewController} before the API's
 * annotated mappings are consulted. A link's address is a pattern, and the annotated mapping
 * checks a pattern request against every one of the API's mappings, twice per request (once for
 * the security filters' lookup, once to dispatch); these three patterns are checked first.
 */
@Configuration(proxyBeanMethods = false)
class AttendeeViewMapping {

	@Bean
	SimpleUrlHandlerMapping attendeeViewHandlerMapping(AttendeeViewController views) {
		return new SimpleUrlHandlerMapping(Map.of("/v/{token}", views, "/v/{token}/{format:json|pdf}", views),
				Ordered.HIGHEST_PRECEDENCE);
	}

}
