package org.proportion.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The test broker as a program, for ./proportion cluster and ./proportion bench cluster: a real
 * Apache Kafka broker in KRaft mode from the Maven Central jars, on 127.0.0.1:&lt;port&gt; (default
 * 9092), logging to a fresh folder that is deleted when it stops. No Docker, no ZooKeeper. For an
 * existing Kafka cluster, skip this and give the gateways its bootstrap servers (README).
 */
public final class KafkaBrokerMain {

	private KafkaBrokerMain() {
	}

	public static void main(String[] args) throws Exception {
		int port = args.length > 0 ? Integer.parseInt(args[0]) : 9092;
		Path logDir = args.length > 1 ? Files.createDirectories(Path.of(args[1])) : Files.createTempDirectory("proportion-kafka");
		KafkaBroker broker = KafkaBroker.start(port, logDir);
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			broker.close();
			stopped.countDown();
		}));
		System.out.println("Kafka broker (KRaft) on " + broker.bootstrapServers());
		stopped.await();
	}

}
