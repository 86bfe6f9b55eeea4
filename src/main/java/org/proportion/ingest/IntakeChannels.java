package org.proportion.ingest;

import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Switches on the optional ways in once Camel has started: the Kafka route
 * ({@code routes/kafka.camel.yaml}) only when {@code proportion.kafka.bootstrap-servers} is set,
 * so the embedded default needs no broker; and one route per agency from the {@code agency-sftp}
 * template ({@code routes/sftp.camel.yaml}) for each {@code proportion.sftp.<agency>.*} source.
 * A source that is configured but incomplete stops the start (fail closed), rather than leaving
 * an agency's exports silently unread.
 */
@Component
class IntakeChannels implements CamelContextConfiguration {

	static final String KAFKA_ROUTE = "agency-kafka";

	static final String SFTP_TEMPLATE = "agency-sftp";

	private static final Logger log = LoggerFactory.getLogger(IntakeChannels.class);

	private final Environment environment;

	private final AgencyMappings mappings;

	IntakeChannels(Environment environment, AgencyMappings mappings) {
		this.environment = environment;
		this.mappings = mappings;
	}

	@Override
	public void beforeApplicationStart(CamelContext camel) {
	}

	@Override
	public void afterApplicationStart(CamelContext camel) {
		try {
			String brokers = environment.getProperty("proportion.kafka.bootstrap-servers", "");
			if (!brokers.isBlank()) {
				if (camel.getRoute(KAFKA_ROUTE) == null) {
					throw new IllegalStateException("Kafka is configured but route " + KAFKA_ROUTE + " is not in routes/");
				}
				camel.getRouteController().startRoute(KAFKA_ROUTE);
				log.info("Kafka intake on, topics {}<agency>", environment.getProperty("proportion.kafka.topic-prefix"));
			}
			Map<String, SftpSource> sources = Binder.get(environment)
				.bind("proportion.sftp", Bindable.mapOf(String.class, SftpSource.class))
				.orElse(Map.of());
			for (var source : sources.entrySet()) {
				String agency = source.getKey();
				if (mappings.forAgency(agency).isEmpty()) {
					throw new IllegalStateException("SFTP source " + agency + " is not an agency with a mapping");
				}
				TemplatedRouteBuilder.builder(camel, SFTP_TEMPLATE)
					.routeId("agency-sftp-" + agency)
					.parameter("agency", agency)
					.parameter("source", source.getValue().uri(agency))
					.add();
				log.info("SFTP intake on for {}", agency);
			}
		}
		catch (Exception ex) {
			throw new IllegalStateException("The optional intake channels could not start", ex);
		}
	}

}
