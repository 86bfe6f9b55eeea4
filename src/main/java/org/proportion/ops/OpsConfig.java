package org.proportion.ops;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;

/** Wires the metrics hooks; a post-processor is declared static so it does not pull beans in early. */
@Configuration(proxyBeanMethods = false)
class OpsConfig {

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static MetricsHooks metricsHooks(ObjectProvider<GatewayMetrics> metrics) {
		return new MetricsHooks(metrics);
	}

}
