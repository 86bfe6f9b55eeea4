package org.proportion.access;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Who opened which view, in which format, when; kept beside the decision log, with no content.
 *
 * <p>Openings are written by group commit: each opening waits until a batch holding it has
 * committed, so no view is ever sent unrecorded, but the openings of many attendees arriving
 * together share one transaction and one writer instead of each taking the table's lock and
 * committing on its own (on PostgreSQL, a flush to disk each). If the batch cannot be written,
 * or is not written in time, every opening in it fails and its view is not sent.
 */
@Repository
public class ViewLog {

	private static final Logger log = LoggerFactory.getLogger(ViewLog.class);

	private static final int BATCH = 500;

	private final JdbcClient jdbc;

	private final JdbcTemplate batches;

	private final TransactionTemplate transaction;

	private final Clock clock;

	private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>(10_000);

	private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
		Thread thread = new Thread(r, "view-log-writer");
		thread.setDaemon(true);
		return thread;
	});

	private record Pending(Object[] row, CompletableFuture<Void> written) {
	}

	ViewLog(JdbcClient jdbc, JdbcTemplate batches, PlatformTransactionManager transactions, Clock clock) {
		this.jdbc = jdbc;
		this.batches = batches;
		this.transaction = new TransactionTemplate(transactions);
		this.clock = clock;
		writer.execute(this::write);
	}

	/** Records one opening; returns once it is committed, throws if it could not be. */
	public void record(String meetingId, String packId, String attendeeId, String role, String organisation,
			String format) {
		Pending pending = new Pending(new Object[] { Timestamp.from(clock.instant()), meetingId, packId, attendeeId,
				role, organisation, format }, new CompletableFuture<>());
		if (!queue.offer(pending)) {
			throw new IllegalStateException("The view log is not keeping up; the opening was not recorded");
		}
		try {
			pending.written().get(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted before the opening was recorded", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("The opening could not be recorded", ex);
		}
	}

	private void write() {
		List<Pending> batch = new ArrayList<>(BATCH);
		while (!Thread.currentThread().isInterrupted()) {
			try {
				batch.add(queue.take());
			}
			catch (InterruptedException ex) {
				break;
			}
			queue.drainTo(batch, BATCH - 1);
			try {
				transaction.executeWithoutResult(tx -> batches.batchUpdate("""
						insert into view_log (viewed_at, meeting_id, pack_id, attendee_id, attendee_role, attendee_org, format)
						values (?, ?, ?, ?, ?, ?, ?)""", batch.stream().map(Pending::row).toList()));
				batch.forEach(p -> p.written().complete(null));
			}
			catch (RuntimeException ex) {
				log.warn("{} view openings could not be recorded: {}", batch.size(), ex.getClass().getSimpleName());
				batch.forEach(p -> p.written().completeExceptionally(ex));
			}
			batch.clear();
		}
		Pending left;
		while ((left = queue.poll()) != null) {
			left.written().completeExceptionally(new IllegalStateException("The gateway is stopping"));
		}
	}

	@PreDestroy
	void stop() {
		writer.shutdownNow();
	}

	/** One opening of one view. */
	public record Opening(Instant viewedAt, String packId, String attendeeId, String attendeeRole,
			String attendeeOrganisation, String format) {
	}

	/** One attendee's view of one pack version. */
	public record ViewOf(String packId, String attendeeId) {
	}

	/** How many times each view of the meeting has been opened; a view never opened is absent. */
	public Map<ViewOf, Long> openingsByView(String meetingId) {
		Map<ViewOf, Long> counts = new HashMap<>();
		jdbc.sql("select pack_id, attendee_id, count(*) as openings from view_log where meeting_id = ? group by pack_id, attendee_id")
			.param(meetingId)
			.query(rs -> {
				counts.put(new ViewOf(rs.getString("pack_id"), rs.getString("attendee_id")), rs.getLong("openings"));
			});
		return counts;
	}

	public List<Opening> ofMeeting(String meetingId) {
		return jdbc.sql("""
				select viewed_at, pack_id, attendee_id, attendee_role, attendee_org, format
				from view_log where meeting_id = ? order by id""")
			.param(meetingId)
			.query((rs, n) -> new Opening(rs.getTimestamp("viewed_at").toInstant(), rs.getString("pack_id"),
					rs.getString("attendee_id"), rs.getString("attendee_role"), rs.getString("attendee_org"),
					rs.getString("format")))
			.list();
	}

}
