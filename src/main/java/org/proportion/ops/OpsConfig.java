package org.proportion.ops;

import io.micrometer.observation.ObservationPredicate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/** Wires the metrics hooks; a post-processor is declared static so it does not pull beans in early. */
@Configuration(proxyBeanMethods = false)
class OpsConfig {

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static MetricsHooks metricsHooks(ObjectProvider<GatewayMetrics> metrics) {
		return new MetricsHooks(metrics);
	}

	/**
	 * Requests to attendees' view links are timed by their own meter ({@link
	 * GatewayMetrics#VIEW_OPENINGS}, one pre-registered timer per outcome), not by the generic
	 * http.server.requests observation: building that observation's tags and finding its meters
	 * was about a tenth of an opening's CPU (JFR, views bench), and openings are the request many
	 * attendees make at once before a meeting.
	 */
	@Bean
	ObservationPredicate viewLinksHaveTheirOwnTimer() {
		return (name, context) -> !(context instanceof ServerRequestObservationContext request
				&& request.getCarrier() != null && isViewLink(request.getCarrier().getRequestURI()));
	}

	static boolean isViewLink(String path) {
		return path != null && path.startsWith("/v/");
	}

}
