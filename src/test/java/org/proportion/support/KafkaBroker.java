package org.proportion.support;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Features;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real Apache Kafka broker in KRaft mode (broker and controller in one node), started inside the
 * test JVM from the kafka_2.13 jar: no Docker, no ZooKeeper. Its log folder is formatted as
 * {@code kafka-storage format} would, then {@link KafkaRaftServer} starts on free loopback ports.
 */
public final class KafkaBroker implements AutoCloseable {

	private final KafkaRaftServer server;

	private final String bootstrapServers;

	private final Path logDir;

	private KafkaBroker(KafkaRaftServer server, String bootstrapServers, Path logDir) {
		this.server = server;
		this.bootstrapServers = bootstrapServers;
		this.logDir = logDir;
	}

	public static KafkaBroker start() {
		try {
			return start(freePort(), Files.createTempDirectory("proportion-kafka"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** On a given loopback port, logging to a given (empty) folder: for ./proportion cluster. */
	public static KafkaBroker start(int brokerPort, Path logDir) {
		try {
			int controllerPort = freePort();
			Map<String, Object> config = new HashMap<>();
			config.put("process.roles", "broker,controller");
			config.put("node.id", "1");
			config.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
			config.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
			config.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
			config.put("controller.listener.names", "CONTROLLER");
			config.put("inter.broker.listener.name", "PLAINTEXT");
			config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
			config.put("log.dirs", logDir.toString());
			config.put("num.partitions", "2");
			config.put("offsets.topic.replication.factor", "1");
			config.put("offsets.topic.num.partitions", "1");
			config.put("transaction.state.log.replication.factor", "1");
			config.put("transaction.state.log.min.isr", "1");
			config.put("group.initial.rebalance.delay.ms", "0");
			config.put("auto.create.topics.enable", "true");
			new Formatter().setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
				.setSupportedFeatures(Features.PRODUCTION_FEATURES)
				.setClusterId(Uuid.randomUuid().toString())
				.setNodeId(1)
				.setControllerListenerName("CONTROLLER")
				.setMetadataLogDirectory(logDir.toString())
				.addDirectory(logDir.toString())
				.setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
				.run();
			KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(config, false), Time.SYSTEM);
			server.startup();
			return new KafkaBroker(server, "127.0.0.1:" + brokerPort, logDir);
		}
		catch (Exception ex) {
			throw new IllegalStateException("The in-process Kafka broker did not start", ex);
		}
	}

	public String bootstrapServers() {
		return bootstrapServers;
	}

	@Override
	public void close() {
		server.shutdown();
		server.awaitShutdown();
		try (var files = Files.walk(logDir)) {
			files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
