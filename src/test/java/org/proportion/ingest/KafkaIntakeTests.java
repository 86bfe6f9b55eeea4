package org.proportion.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.proportion.cases.CaseRepository;
import org.proportion.support.GatewayTestSupport;
import org.proportion.support.KafkaBroker;
import org.proportion.support.TestDatabases;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Agency records on Kafka, against a real broker (KRaft, in this JVM): a topic per agency carries
 * the same exports as files, or one record per message, into the same intake. A bad message is
 * parked with a value-free reason and its offset committed, so it never blocks the partition; a
 * good one's offset is committed only once it is stored.
 */
@ExtendWith(OutputCaptureExtension.class)
class KafkaIntakeTests extends GatewayTestSupport {

	static final Path WORK = tempDir();

	static final KafkaBroker BROKER = KafkaBroker.start();

	static final String GROUP = "proportion-intake-test";

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		sharedOpa(registry);
		folders(registry, WORK);
		TestDatabases.h2(registry);
		registry.add("proportion.kafka.bootstrap-servers", BROKER::bootstrapServers);
		registry.add("proportion.kafka.group-id", () -> GROUP);
		// New agency topics are found within a second (the consumer subscribes by pattern).
		registry.add("proportion.kafka.metadata-max-age-ms", () -> "1000");
	}

	@AfterAll
	static void stopBroker() {
		BROKER.close();
	}

	@Autowired
	CamelContext camel;

	@Autowired
	CaseRepository cases;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ObjectMapper json;

	void send(String topic, String payload) {
		Properties config = new Properties();
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER.bootstrapServers());
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
				new ByteArraySerializer())) {
			// One key per topic: the messages of a test stay in order on one partition.
			producer.send(new ProducerRecord<>(topic, "batch", payload.getBytes(StandardCharsets.UTF_8))).get();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	static void await(String what, BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as("waited for " + what).isLessThan(deadline);
			Thread.sleep(200);
		}
	}

	List<JsonNode> reasons(String sourcePrefix) throws IOException {
		Path folder = WORK.resolve("dead-letter");
		if (!Files.isDirectory(folder)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(folder)) {
			return files.filter(f -> f.getFileName().toString().endsWith(".reason.json")).map(f -> {
				try {
					return json.readTree(f.toFile());
				}
				catch (IOException ex) {
					throw new java.io.UncheckedIOException(ex);
				}
			}).filter(r -> r.path("source").asText().startsWith(sourcePrefix)).toList();
		}
	}

	/** Every partition of the topic has its group offset at the end: nothing left unacknowledged. */
	boolean allCommitted(String topic) {
		Properties config = new Properties();
		config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER.bootstrapServers());
		try (Admin admin = Admin.create(config)) {
			Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP)
				.partitionsToOffsetAndMetadata()
				.get();
			var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions();
			for (var p : partitions) {
				TopicPartition tp = new TopicPartition(topic, p.partition());
				long end = admin.listOffsets(Map.of(tp, OffsetSpec.latest())).all().get().get(tp).offset();
				OffsetAndMetadata at = committed.get(tp);
				if (end > 0 && (at == null || at.offset() != end)) {
					return false;
				}
			}
			return true;
		}
		catch (Exception ex) {
			return false;
		}
	}

	@Test
	void recordsSentToTwoAgenciesTopicsAreStoredWithTheirMapping() throws Exception {
		send("proportion.intake.outreach", """
				client_id,full_name,dob,sex,nationality,status,needs
				OR-K001,Kafka Person One,01/02/1990,Female,British,rough_sleeping,mental_health;benefits
				OR-K002,Kafka Person Two,03/04/1985,Male,Irish,rough_sleeping,
				""");
		send("proportion.intake.day-centre",
				"{\"clientRef\": \"DC-K001\", \"name\": \"Kafka Person Three\", \"supportNeeds\": [\"benefits\"],"
						+ " \"dateOfBirth\": \"1970-05-06\"}");
		send("proportion.intake.day-centre", "[{\"clientRef\": \"DC-K002\", \"name\": \"Kafka Person Four\"}]");
		await("four records", () -> cases.find("outreach:OR-K002").isPresent() && cases.find("day-centre:DC-K001").isPresent()
				&& cases.find("day-centre:DC-K002").isPresent());
		assertThat(cases.find("outreach:OR-K001")).hasValueSatisfying(r -> assertThat(r.fields())
			.containsEntry("name", "Kafka Person One")
			.containsEntry("date_of_birth", "1990-02-01")
			.containsEntry("support_needs", List.of("mental_health", "benefits")));
		assertThat(cases.find("day-centre:DC-K001")).hasValueSatisfying(r -> assertThat(r.fields())
			.containsEntry("name", "Kafka Person Three")
			.containsEntry("date_of_birth", "1970-05-06")
			.containsEntry("support_needs", List.of("benefits")));
		await("offsets committed", () -> allCommitted("proportion.intake.outreach") && allCommitted("proportion.intake.day-centre"));
		// A health partner's FHIR bundle on its topic goes the same way.
		send("proportion.intake.health", Files.readString(org.proportion.support.OpaServer.projectDir()
			.resolve("src/main/resources/samples/fhir/health-bundle.fhir.json")));
		await("the FHIR bundle stored", () -> cases.find("health:HT-5001").isPresent());
		assertThat(cases.find("health:HT-5001")).hasValueSatisfying(
				r -> assertThat(r.fields()).containsEntry("risk_flags", List.of("self_neglect")));
		// The same message again (a producer's retry) is the same drop: stored once.
		int batches = jdbc.sql("select count(*) from intake_batch").query(Integer.class).single();
		send("proportion.intake.day-centre", "[{\"clientRef\": \"DC-K002\", \"name\": \"Kafka Person Four\"}]");
		await("the repeat committed", () -> allCommitted("proportion.intake.day-centre"));
		assertThat(jdbc.sql("select count(*) from intake_batch").query(Integer.class).single()).isEqualTo(batches);
	}

	@Test
	void aMalformedMessageIsParkedAndLaterMessagesStillArrive(CapturedOutput output) throws Exception {
		String topic = "proportion.intake.housing-options";
		send(topic, """
				application_no,applicant_name,date_of_birth
				HO-K001,Kafka Badperson,31/31/1990
				""");
		send(topic, "{\"application_no\": \"HO-K002\", \"applicant_name\": \"Kafka Wrongshape\"");
		send(topic, """
				application_no,applicant_name,date_of_birth,support_needs
				HO-K003,Kafka Goodperson,01/02/1991,mental_health|benefits
				""");
		send("proportion.intake.no-such-agency", "[{\"ref\": \"X-K001\"}]");
		await("the good message after the bad ones", () -> cases.find("housing-options:HO-K003").isPresent());
		assertThat(cases.find("housing-options:HO-K003")).hasValueSatisfying(
				r -> assertThat(r.fields()).containsEntry("support_needs", List.of("mental_health", "benefits")));
		await("bad messages parked", () -> {
			try {
				return reasons("kafka-proportion.intake.housing-options-").size() == 2
						&& reasons("kafka-proportion.intake.no-such-agency-").size() == 1;
			}
			catch (IOException ex) {
				return false;
			}
		});
		List<JsonNode> parked = new java.util.ArrayList<>(reasons("kafka-proportion.intake.housing-options-"));
		parked.addAll(reasons("kafka-proportion.intake.no-such-agency-"));
		assertThat(parked).extracting(r -> r.path("code").asText())
			.containsExactlyInAnyOrder("invalid_date", "malformed_json", "unknown_agency");
		for (JsonNode reason : parked) {
			assertThat(reason.path("source").asText()).matches("kafka-proportion\\.intake\\.[a-z-]+-\\d+-\\d+");
			assertThat(reason.toString()).doesNotContain("Kafka", "31/31", "HO-K00", "X-K001");
			assertThat(WORK.resolve("dead-letter").resolve(reason.path("original").asText())).exists();
		}
		assertThat(cases.find("housing-options:HO-K001")).isEmpty();
		assertThat(cases.find("housing-options:HO-K002")).isEmpty();
		// Parked messages are acknowledged too: nothing is read again, nothing blocks the partition.
		await("offsets committed", () -> allCommitted(topic) && allCommitted("proportion.intake.no-such-agency"));
		assertThat(output.getAll()).doesNotContain("Kafka Badperson", "Kafka Wrongshape", "31/31/1990");
	}

	/**
	 * The gateway dying after the store but before the commit, as Kafka sees it: the group's offset
	 * is set back (with the consumer stopped, as after a crash), so the messages are read again.
	 * Their content digests keep them from being stored twice, and the offsets move on.
	 */
	@Test
	void messagesReadAgainAfterACrashBeforeTheCommitAreNotStoredTwice() throws Exception {
		String topic = "proportion.intake.outreach";
		send(topic, """
				client_id,full_name,dob,sex,nationality,status,needs
				OR-K101,Kafka Person Replay,05/06/1992,Female,British,rough_sleeping,benefits
				""");
		await("stored", () -> cases.find("outreach:OR-K101").isPresent());
		await("committed", () -> allCommitted(topic));
		int records = cases.count();
		int batches = jdbc.sql("select count(*) from intake_batch").query(Integer.class).single();
		camel.getRouteController().stopRoute("agency-kafka");
		Properties config = new Properties();
		config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER.bootstrapServers());
		try (Admin admin = Admin.create(config)) {
			Map<TopicPartition, OffsetAndMetadata> rewound = new java.util.HashMap<>();
			admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get().forEach((tp, offset) -> {
				if (tp.topic().equals(topic)) {
					rewound.put(tp, new OffsetAndMetadata(0));
				}
			});
			assertThat(rewound).isNotEmpty();
			admin.alterConsumerGroupOffsets(GROUP, rewound).all().get();
		}
		assertThat(allCommitted(topic)).isFalse();
		camel.getRouteController().startRoute("agency-kafka");
		await("read again and committed", () -> allCommitted(topic));
		assertThat(cases.count()).isEqualTo(records);
		assertThat(jdbc.sql("select count(*) from intake_batch").query(Integer.class).single()).isEqualTo(batches);
	}

}
