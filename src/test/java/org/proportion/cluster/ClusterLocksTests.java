package org.proportion.cluster;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two gateways' locks on one database (two {@link ClusterLocks}, as two JVMs would have): what one
 * holds the other cannot take, a caller that waits gets it once the holder lets go, and a holder
 * that stops renewing (killed with kill -9) loses it one lease later, after which anything it
 * still tries to publish under it is refused. Run on H2 and on PostgreSQL by the subclasses.
 */
abstract class ClusterLocksTests {

	static final Duration LEASE = Duration.ofSeconds(1);

	DataSource dataSource;

	ClusterLocks first;

	ClusterLocks second;

	ExecutorService threads = Executors.newCachedThreadPool();

	abstract DataSource dataSource(String schema);

	/** Whether the tables go in a schema of their own (the shared PostgreSQL server) or the default. */
	boolean ownSchema() {
		return true;
	}

	@BeforeEach
	void twoGateways() {
		String schema = "cl_" + Long.toHexString(System.nanoTime());
		dataSource = dataSource(schema);
		var flyway = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration");
		if (ownSchema()) {
			flyway.schemas(schema).defaultSchema(schema);
		}
		flyway.load().migrate();
		first = locks(LEASE);
		second = locks(LEASE);
	}

	ClusterLocks locks(Duration lease) {
		return new ClusterLocks(JdbcClient.create(dataSource), new DataSourceTransactionManager(dataSource), lease, "test");
	}

	@AfterEach
	void stop() {
		first.stop();
		second.stop();
		threads.shutdownNow();
	}

	@Test
	void whatOneGatewayIsBuildingTheOtherDoesNotStartMeanwhile() throws Exception {
		CountDownLatch holding = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		Future<Optional<String>> held = threads.submit(() -> first.tryRun("pack-build:m1", () -> {
			holding.countDown();
			await(release);
			return "built by the first";
		}));
		assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();

		assertThat(second.tryRun("pack-build:m1", () -> "built by the second")).isEmpty();
		assertThat(second.tryRun("pack-build:m2", () -> "another meeting")).contains("another meeting");

		release.countDown();
		assertThat(held.get(10, TimeUnit.SECONDS)).contains("built by the first");
		assertThat(second.tryRun("pack-build:m1", () -> "built by the second")).contains("built by the second");
	}

	@Test
	void aCallerThatWaitsBuildsOnceTheOtherGatewayIsDoneAndIsToldWhenItWaitedTooLong() throws Exception {
		CountDownLatch holding = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		threads.submit(() -> first.tryRun("pack-build:m1", () -> {
			holding.countDown();
			await(release);
			return "done";
		}));
		assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();

		assertThatThrownBy(() -> second.run("pack-build:m1", Duration.ofMillis(600), () -> "too soon"))
			.isInstanceOf(ClusterBusy.class);
		Future<String> waiting = threads.submit(() -> second.run("pack-build:m1", Duration.ofSeconds(20), () -> "after"));
		Thread.sleep(300);
		assertThat(waiting.isDone()).as("still waiting while the first builds").isFalse();
		release.countDown();
		assertThat(waiting.get(20, TimeUnit.SECONDS)).isEqualTo("after");
	}

	@Test
	void aLockHeldLongerThanItsLeaseStaysHeldWhileItsHolderLives() throws Exception {
		CountDownLatch holding = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		threads.submit(() -> first.tryRun("schedule", () -> {
			holding.countDown();
			await(release);
			return "ran";
		}));
		assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
		Thread.sleep(LEASE.toMillis() * 3);
		assertThat(second.tryRun("schedule", () -> "second ran")).as("renewed while the holder runs").isEmpty();
		release.countDown();
	}

	@Test
	void aGatewayKilledWhileHoldingALockHasItTakenOverOneLeaseLaterAndCannotPublishAfter() throws Exception {
		CountDownLatch holding = new CountDownLatch(1);
		CountDownLatch resume = new CountDownLatch(1);
		TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
		Future<Object> stalled = threads.submit(() -> first.tryRun("pack-build:m1", () -> {
			holding.countDown();
			await(resume);
			// The holder "wakes up" after its lock was taken: publishing must fail closed.
			tx.executeWithoutResult(t -> first.confirm("pack-build:m1"));
			return "published";
		}));
		assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
		first.stop(); // as kill -9 would: nothing renews its lease any more

		assertThat(second.tryRun("pack-build:m1", () -> "taken")).as("not before the lease runs out").isEmpty();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		Optional<String> taken = Optional.empty();
		while (taken.isEmpty() && System.nanoTime() < deadline) {
			Thread.sleep(100);
			taken = second.tryRun("pack-build:m1", () -> "taken");
		}
		assertThat(taken).as("taken over once the lease ran out").contains("taken");

		resume.countDown();
		assertThatThrownBy(() -> stalled.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(LockLost.class);
	}

	@Test
	void theSameGatewayTakesItsOwnLockAgainButTwoOfItsThreadsDoNotShareIt() throws Exception {
		assertThat(first.tryRun("schedule", () -> first.tryRun("schedule", () -> "nested").orElse("refused")))
			.contains("nested");
		CountDownLatch holding = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		threads.submit(() -> first.tryRun("schedule", () -> {
			holding.countDown();
			await(release);
			return "ran";
		}));
		assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(first.tryRun("schedule", () -> "other thread")).isEmpty();
		release.countDown();
	}

	static void await(CountDownLatch latch) {
		try {
			latch.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
