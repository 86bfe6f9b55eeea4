package org.proportion.ingest;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.proportion.cases.CaseRepository;
import org.proportion.support.GatewayTestSupport;
import org.proportion.support.TestDatabases;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kafka route's commit order, with Camel's test kit: the route's consumer is replaced by a
 * direct endpoint (AdviceWith) and the offset commit by one that records what was true when it
 * was called. A message's offset is committed only once its records are in the database or it is
 * parked with its reason, and never when even parking failed (so Kafka gives it again).
 */
class KafkaRouteTests extends GatewayTestSupport {

	static final Path WORK = tempDir();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		sharedOpa(registry);
		folders(registry, WORK);
		TestDatabases.h2(registry);
	}

	@Autowired
	CamelContext camel;

	@Autowired
	ProducerTemplate producer;

	@Autowired
	CaseRepository cases;

	static boolean advised;

	@BeforeEach
	void consumeFromDirect() throws Exception {
		if (!advised) {
			AdviceWith.adviceWith(camel, IntakeChannels.KAFKA_ROUTE, a -> a.replaceFromWith("direct:kafka-test"));
			advised = true;
		}
		if (!camel.getRouteController().getRouteStatus(IntakeChannels.KAFKA_ROUTE).isStarted()) {
			camel.getRouteController().startRoute(IntakeChannels.KAFKA_ROUTE);
		}
	}

	/** A commit that records, when called, what the given check says. */
	record Commit(Supplier<Boolean> check, List<Boolean> seen) implements KafkaManualCommit {

		Commit(Supplier<Boolean> check) {
			this(check, new ArrayList<>());
		}

		@Override
		public void commit() {
			seen.add(check.get());
		}

	}

	Exchange send(String topic, long offset, String payload, Commit commit) {
		return producer.send("direct:kafka-test", exchange -> {
			exchange.getIn().setBody(payload.getBytes(StandardCharsets.UTF_8));
			exchange.getIn()
				.setHeaders(new java.util.HashMap<>(Map.of(KafkaConstants.TOPIC, topic, KafkaConstants.PARTITION, 0, KafkaConstants.OFFSET, offset,
						KafkaConstants.TIMESTAMP, System.currentTimeMillis(), KafkaConstants.MANUAL_COMMIT, commit)));
		});
	}

	boolean reasonFor(String source) {
		Path folder = WORK.resolve("dead-letter");
		if (!Files.isDirectory(folder)) {
			return false;
		}
		try (Stream<Path> files = Files.list(folder)) {
			return files.anyMatch(f -> f.getFileName().toString().endsWith(source + ".reason.json"));
		}
		catch (java.io.IOException ex) {
			return false;
		}
	}

	@Test
	void aStoredMessageIsCommittedOnceItsRecordsAreInTheDatabase() {
		Commit commit = new Commit(() -> cases.find("outreach:OR-R001").isPresent());
		Exchange done = send("proportion.intake.outreach", 7, """
				client_id,full_name,dob
				OR-R001,Route Person,01/02/1990
				""", commit);
		assertThat(done.isFailed()).isFalse();
		assertThat(commit.seen()).containsExactly(true);
	}

	@Test
	void aParkedMessageIsCommittedOnceItsReasonIsWritten() {
		Commit commit = new Commit(() -> reasonFor("kafka-proportion.intake.outreach-0-8"));
		Exchange done = send("proportion.intake.outreach", 8, "client_id,full_name,dob\nOR-R002,Route Person,31/31/1990\n",
				commit);
		assertThat(done.isFailed()).isFalse();
		assertThat(commit.seen()).containsExactly(true);
		assertThat(cases.find("outreach:OR-R002")).isEmpty();
	}

	@Test
	void aMessageThatCannotEvenBeParkedIsNotCommitted() throws Exception {
		Path deadLetter = WORK.resolve("dead-letter");
		Path moved = WORK.resolve("dead-letter-aside");
		if (Files.isDirectory(deadLetter)) {
			Files.move(deadLetter, moved);
		}
		// A file where the folder should be: nothing can be written there, whoever runs the gateway.
		Files.writeString(deadLetter, "not a folder");
		Commit commit = new Commit(() -> true);
		try {
			Exchange done = send("proportion.intake.outreach", 9, "client_id,full_name,dob\nOR-R003,Route Person,31/31/1990\n",
					commit);
			// Failed: the consumer (breakOnFirstError) goes back to this offset instead of moving past it.
			assertThat(done.isFailed()).isTrue();
		}
		finally {
			Files.delete(deadLetter);
			if (Files.isDirectory(moved)) {
				Files.move(moved, deadLetter);
			}
		}
		assertThat(commit.seen()).isEmpty();
		assertThat(cases.find("outreach:OR-R003")).isEmpty();
	}

}
