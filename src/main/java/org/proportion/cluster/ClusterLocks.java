package org.proportion.cluster;

import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Locks that hold across every gateway on the same database, so that with several instances the
 * schedule runs on one at a time and each meeting's pack is built by one at a time (two builders
 * of the same meeting would both take version N+1, or release the same change twice and send
 * every attendee two messages).
 *
 * <p>A lock is a row of {@code cluster_lock} held as a lease: taking it is one conditional update
 * that succeeds only when the row is free, expired, or already this gateway's; a background thread
 * renews every lease this gateway holds at a third of its length; letting go expires it at once.
 * A gateway killed with kill -9 renews nothing, so its locks are taken over one lease later. A
 * session lock (PostgreSQL advisory locks) would free sooner, but it does not exist on the
 * embedded H2 database and it ties the lock to one pooled connection for the whole build; the
 * lease works the same on both.
 *
 * <p>Within one gateway, a {@link ReentrantLock} per name keeps two threads apart (the database
 * row cannot: both threads are the same owner), and lets a holder take its own lock again (the
 * schedule's build of a meeting calls the builder, which takes the meeting's lock too).
 *
 * <p>A holder that stalls longer than its lease (a long pause) could find another gateway has
 * taken over. Work that publishes something calls {@link #confirm(String)} inside the publishing
 * transaction: it extends the lease in that transaction, so a taker cannot take it until the
 * transaction ends, and throws {@link LockLost} when the row is no longer ours, which rolls the
 * publication back. Fail closed: the work is lost, never done twice.
 */
@Component
public class ClusterLocks {

	private static final Logger log = LoggerFactory.getLogger(ClusterLocks.class);

	/** How long a waiting caller sleeps between tries of a lock another gateway holds. */
	private static final long POLL_MS = 200;

	private final JdbcClient jdbc;

	private final TransactionTemplate own;

	private final long leaseMs;

	// Random per start: a restarted gateway does not mistake its dead predecessor's leases for its own.
	private final String owner;

	private final Map<String, ReentrantLock> local = new ConcurrentHashMap<>();

	// The locks this gateway holds in the database now (renewed by the renewer), with their depth.
	private final Map<String, Integer> held = new ConcurrentHashMap<>();

	private final ScheduledExecutorService renewer;

	ClusterLocks(JdbcClient jdbc, PlatformTransactionManager transactions,
			@Value("${proportion.cluster.lease:30s}") Duration lease,
			@Value("${proportion.cluster.instance-name:gateway}") String instanceName) {
		this.jdbc = jdbc;
		this.own = new TransactionTemplate(transactions);
		this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.leaseMs = Math.max(1000, lease.toMillis());
		byte[] random = new byte[6];
		new java.security.SecureRandom().nextBytes(random);
		this.owner = instanceName + "-" + HexFormat.of().formatHex(random);
		this.renewer = Executors.newSingleThreadScheduledExecutor(r -> {
			Thread thread = new Thread(r, "cluster-lock-renewer");
			thread.setDaemon(true);
			return thread;
		});
		long every = Math.max(200, leaseMs / 3);
		this.renewer.scheduleWithFixedDelay(this::renewAll, every, every, TimeUnit.MILLISECONDS);
	}

	/** This gateway's name in the lock table: its instance name and a random part per start. */
	public String owner() {
		return owner;
	}

	/**
	 * Runs the work if the lock is free now, anywhere in the cluster; empty when another gateway
	 * (or another thread here) holds it. For work that someone else doing is as good as doing it
	 * (the schedule's run: the holder runs the same steps).
	 */
	public <T> Optional<T> tryRun(String name, Supplier<T> work) {
		ReentrantLock lock = local.computeIfAbsent(name, n -> new ReentrantLock());
		if (!lock.tryLock()) {
			return Optional.empty();
		}
		try {
			if (!enter(name)) {
				return Optional.empty();
			}
			try {
				return Optional.ofNullable(work.get());
			}
			finally {
				leave(name);
			}
		}
		finally {
			lock.unlock();
		}
	}

	/**
	 * Runs the work once the lock is free, waiting at most {@code wait} for the holder to finish;
	 * throws {@link ClusterBusy} if it has not. For work a caller asked for and waits on (a build
	 * requested through the API): the caller gets its answer after the other build, not a clash.
	 */
	public <T> T run(String name, Duration wait, Supplier<T> work) {
		long deadline = System.nanoTime() + wait.toNanos();
		ReentrantLock lock = local.computeIfAbsent(name, n -> new ReentrantLock());
		try {
			if (!lock.tryLock(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
				throw new ClusterBusy(name);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ClusterBusy(name);
		}
		try {
			while (!enter(name)) {
				if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(POLL_MS) > deadline) {
					throw new ClusterBusy(name);
				}
				try {
					Thread.sleep(POLL_MS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new ClusterBusy(name);
				}
			}
			try {
				return work.get();
			}
			finally {
				leave(name);
			}
		}
		finally {
			lock.unlock();
		}
	}

	/**
	 * Called inside the transaction that publishes the work done under the lock: extends the
	 * lease in that transaction (so nobody takes it over before the transaction ends) and throws
	 * {@link LockLost} when this gateway no longer holds it, so the publication rolls back.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void confirm(String name) {
		int mine = jdbc.sql("update cluster_lock set expires_at_ms = ? where lock_name = ? and owner_id = ?")
			.params(System.currentTimeMillis() + leaseMs, name, owner)
			.update();
		if (mine == 0 || !held.containsKey(name)) {
			throw new LockLost(name);
		}
	}

	// Takes the database row (or counts one more hold of it); false when another gateway holds it.
	private boolean enter(String name) {
		Integer depth = held.get(name);
		if (depth != null) {
			held.put(name, depth + 1);
			return true;
		}
		ensureRow(name);
		boolean taken = Boolean.TRUE.equals(own.execute(tx -> take(name)));
		if (taken) {
			held.put(name, 1);
		}
		return taken;
	}

	// Each lock's row is made once, free (expired), by whichever gateway first needs it.
	private void ensureRow(String name) {
		boolean exists = Boolean.TRUE.equals(own.execute(tx -> jdbc.sql("select count(*) from cluster_lock where lock_name = ?")
			.param(name)
			.query(Long.class)
			.single() > 0));
		if (!exists) {
			try {
				own.executeWithoutResult(tx -> jdbc.sql(
						"insert into cluster_lock (lock_name, owner_id, expires_at_ms, acquired_at_ms) values (?, ?, 0, 0)")
					.params(name, owner)
					.update());
			}
			catch (DataIntegrityViolationException ex) {
				// Another gateway made the row first: it is there now, which is all this wanted.
			}
		}
	}

	private boolean take(String name) {
		long now = System.currentTimeMillis();
		return jdbc.sql("""
				update cluster_lock set owner_id = ?, expires_at_ms = ?, acquired_at_ms = ?
				where lock_name = ? and (owner_id = ? or expires_at_ms < ?)""")
			.params(owner, now + leaseMs, now, name, owner, now)
			.update() == 1;
	}

	private void leave(String name) {
		int depth = held.getOrDefault(name, 1);
		if (depth > 1) {
			held.put(name, depth - 1);
			return;
		}
		held.remove(name);
		try {
			own.executeWithoutResult(tx -> jdbc.sql("update cluster_lock set expires_at_ms = 0 where lock_name = ? and owner_id = ?")
				.params(name, owner)
				.update());
		}
		catch (RuntimeException ex) {
			// Not let go: the lease runs out by itself and another gateway takes it then.
			log.warn("A cluster lock could not be let go ({}); it expires by itself", ex.getClass().getSimpleName());
		}
	}

	// Keeps every held lease alive; a lease found taken is dropped here, and confirm() then fails.
	private void renewAll() {
		for (String name : held.keySet()) {
			try {
				int mine = own.execute(tx -> jdbc.sql("update cluster_lock set expires_at_ms = ? where lock_name = ? and owner_id = ?")
					.params(System.currentTimeMillis() + leaseMs, name, owner)
					.update());
				if (mine == 0) {
					log.warn("Lost the cluster lock {}: another gateway took it over after this one stalled", name);
					held.remove(name);
				}
			}
			catch (RuntimeException ex) {
				// The database is away for now; the next round tries again before the lease ends.
				log.warn("A cluster lock could not be renewed ({})", ex.getClass().getSimpleName());
			}
		}
	}

	@PreDestroy
	void stop() {
		renewer.shutdownNow();
	}

}
