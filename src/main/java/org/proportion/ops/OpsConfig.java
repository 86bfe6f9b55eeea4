package org.proportion.ops;

import io.micrometer.observation.ObservationRegistry;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.actuate.autoconfigure.observation.ObservationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.core.Ordered;
import org.springframework.http.server.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.observation.ServerRequestObservationConvention;
import org.springframework.web.filter.ServerHttpObservationFilter;

/** Wires the metrics hooks; a post-processor is declared static so it does not pull beans in early. */
@Configuration(proxyBeanMethods = false)
class OpsConfig {

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static MetricsHooks metricsHooks(ObjectProvider<GatewayMetrics> metrics) {
		return new MetricsHooks(metrics);
	}

	/**
	 * The http.server.requests observation, as Spring Boot registers it (same name, convention,
	 * order and dispatcher types), except for attendees' view links: those are timed by their own
	 * meter ({@link GatewayMetrics#VIEW_OPENINGS}, one pre-registered timer per outcome), and the
	 * filter does not run for them at all. Building the observation's context and tags and finding
	 * its meters was about a tenth of an opening's CPU (JFR, views bench), and dropping it
	 * afterwards by a predicate still cost the context; openings are the request many attendees
	 * make at once before a meeting. Boot backs off from its own registration when this one exists.
	 */
	@Bean
	FilterRegistrationBean<ServerHttpObservationFilter> webMvcObservationFilter(ObservationRegistry registry,
			ObjectProvider<ServerRequestObservationConvention> customConvention, ObservationProperties properties) {
		String name = properties.getHttp().getServer().getRequests().getName();
		ServerRequestObservationConvention convention = customConvention
			.getIfAvailable(() -> new DefaultServerRequestObservationConvention(name));
		FilterRegistrationBean<ServerHttpObservationFilter> registration = new FilterRegistrationBean<>(
				new ExceptViewLinks(registry, convention));
		registration.setName("webMvcObservationFilter");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
		registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC);
		return registration;
	}

	static boolean isViewLink(String path) {
		return path != null && path.startsWith("/v/");
	}

	/** Spring's request observation, not run for attendees' view links. */
	static final class ExceptViewLinks extends ServerHttpObservationFilter {

		ExceptViewLinks(ObservationRegistry registry, ServerRequestObservationConvention convention) {
			super(registry, convention);
		}

		@Override
		protected boolean shouldNotFilter(HttpServletRequest request) {
			return isViewLink(request.getRequestURI());
		}

	}

}
