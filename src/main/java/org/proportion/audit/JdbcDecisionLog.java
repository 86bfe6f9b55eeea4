package org.proportion.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.proportion.model.Action;
import org.proportion.model.Decision;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The decision log in the case database. Each entry's hash covers its own columns and the hash
 * of the entry before it; the head row, locked while appending, serialises writers so the
 * chain never forks, even with several gateways on one PostgreSQL. After each append commits,
 * the head is anchored outside the database ({@link ChainAnchor}); verification walks every row
 * and checks the chain against every keyed checkpoint, so a rewritten-and-rehashed chain or a
 * cut tail is caught even though the database alone would look consistent.
 */
@Repository
class JdbcDecisionLog implements DecisionLog {

	static final String GENESIS = "0".repeat(64);

	private final JdbcClient jdbc;

	// Our own mapper: the canonical form must not change when the application's mapper is tuned.
	private final ObjectMapper json = new ObjectMapper();

	// Rows per JDBC batch: big enough to save the round trips, small enough to bound the buffer.
	private static final int BATCH = 1000;

	private final JdbcTemplate batch;

	private final ChainAnchor anchor;

	JdbcDecisionLog(JdbcClient jdbc, JdbcTemplate batch, ChainAnchor anchor) {
		this.jdbc = jdbc;
		this.batch = batch;
		this.anchor = anchor;
	}

	@Override
	@Transactional(propagation = Propagation.MANDATORY)
	public void append(List<LogEntry> entries) {
		Head head = jdbc.sql("select last_seq, last_hash from decision_log_head where id = 1 for update")
			.query((rs, n) -> new Head(rs.getLong("last_seq"), rs.getString("last_hash")))
			.single();
		long seq = head.seq();
		String prev = head.hash();
		String loggedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
		// The same chain as one insert per entry; the rows go to the database in batches.
		List<Object[]> rows = new ArrayList<>(Math.min(entries.size(), BATCH));
		for (LogEntry entry : entries) {
			seq++;
			String hash = hash(seq, loggedAt, entry, prev);
			Decision d = entry.decision();
			rows.add(new Object[] { seq, loggedAt, entry.meetingId(), entry.packId(), entry.attendeeId(),
					entry.attendeeRole(), entry.attendeeOrg(), entry.caseRef(), entry.item(), d.action().wire(), d.basis(),
					d.condition(), d.purpose(), d.rule(), d.reason(), entry.policyRevision(), prev, hash });
			prev = hash;
			if (rows.size() == BATCH) {
				insert(rows);
				rows.clear();
			}
		}
		insert(rows);
		jdbc.sql("update decision_log_head set last_seq = ?, last_hash = ? where id = 1").params(seq, prev).update();
		long anchoredSeq = seq;
		String anchoredHash = prev;
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				anchor.checkpoint(anchoredSeq, anchoredHash);
			}
		});
	}

	private void insert(List<Object[]> rows) {
		if (rows.isEmpty()) {
			return;
		}
		batch.batchUpdate("""
				insert into decision_log (seq, logged_at, meeting_id, pack_id, attendee_id, attendee_role,
				    attendee_org, case_ref, item, action, lawful_basis, condition_text, purpose, rule_id, reason,
				    policy_revision, prev_hash, entry_hash)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows);
	}

	@Override
	@Transactional(readOnly = true)
	public Verification verify() {
		List<ChainAnchor.Checkpoint> checkpoints = anchor.checkpoints();
		Map<Long, String> hashesAtCheckpoints = new HashMap<>();
		checkpoints.forEach(c -> hashesAtCheckpoints.put(c.seq(), null));
		// Every row, not only those up to the head: rows past the head are a break too.
		Walk walk = new Walk();
		walk(walk, 0, hashesAtCheckpoints);
		if (walk.broken != null) {
			return walk.broken;
		}
		Head head = jdbc.sql("select last_seq, last_hash from decision_log_head where id = 1")
			.query((rs, n) -> new Head(rs.getLong("last_seq"), rs.getString("last_hash")))
			.single();
		if (head.seq() > walk.expectedSeq - 1) {
			walk(walk, walk.expectedSeq - 1, hashesAtCheckpoints); // appended while walking
			if (walk.broken != null) {
				return walk.broken;
			}
		}
		long last = walk.expectedSeq - 1;
		if (head.seq() > last) {
			return Verification.broken(walk.count, last + 1, "entries after " + last + " were removed");
		}
		if (head.seq() < last || !head.hash().equals(walk.prev)) {
			return Verification.broken(walk.count, head.seq() + 1, "the head does not match the last entry");
		}
		return againstCheckpoints(walk.count, last, checkpoints, hashesAtCheckpoints);
	}

	private void walk(Walk walk, long after, Map<Long, String> hashesAtCheckpoints) {
		jdbc.sql("select * from decision_log where seq > ? order by seq").param(after).query(rs -> {
			if (walk.broken != null) {
				return;
			}
			long seq = rs.getLong("seq");
			walk.count++;
			if (seq != walk.expectedSeq) {
				walk.broken = Verification.broken(walk.count, walk.expectedSeq, "entry " + walk.expectedSeq + " is missing");
				return;
			}
			if (!rs.getString("prev_hash").equals(walk.prev)) {
				walk.broken = Verification.broken(walk.count, seq, "entry does not follow the entry before it");
				return;
			}
			String expected = hash(seq, rs.getString("logged_at"), entry(rs), walk.prev);
			if (!expected.equals(rs.getString("entry_hash"))) {
				walk.broken = Verification.broken(walk.count, seq, "entry content does not match its hash");
				return;
			}
			if (hashesAtCheckpoints.containsKey(seq)) {
				hashesAtCheckpoints.put(seq, expected);
			}
			walk.prev = expected;
			walk.expectedSeq++;
		});
	}

	// The chain is consistent in itself; now it must also be the chain that was anchored.
	private static Verification againstCheckpoints(long count, long last, List<ChainAnchor.Checkpoint> checkpoints,
			Map<Long, String> hashes) {
		long lastGood = 0;
		for (ChainAnchor.Checkpoint checkpoint : checkpoints) {
			if (!checkpoint.authentic()) {
				return Verification.broken(count, Math.max(checkpoint.seq(), 1),
						"a checkpoint of the log (anchored " + checkpoint.at() + ") was altered or the anchor key changed");
			}
			if (checkpoint.seq() > last) {
				return Verification.broken(count, last + 1, "entries after " + last + " were removed: the checkpoint of "
						+ checkpoint.at() + " anchors entry " + checkpoint.seq());
			}
			if (!checkpoint.hash().equals(hashes.get(checkpoint.seq()))) {
				return Verification.broken(count, lastGood + 1, "entries " + (lastGood + 1) + " to " + checkpoint.seq()
						+ " were rewritten: entry " + checkpoint.seq() + " no longer has the hash anchored at " + checkpoint.at());
			}
			lastGood = checkpoint.seq();
		}
		return Verification.ok(count, lastGood);
	}

	@Override
	public List<LogEntry> entriesOfPack(String packId) {
		return jdbc.sql("select * from decision_log where pack_id = ? order by seq").param(packId).query((rs, n) -> entry(rs)).list();
	}

	private static LogEntry entry(ResultSet rs) throws SQLException {
		Decision decision = new Decision(Action.parse(rs.getString("action")), rs.getString("lawful_basis"),
				rs.getString("condition_text"), rs.getString("purpose"), rs.getString("rule_id"), rs.getString("reason"), null);
		return new LogEntry(rs.getString("meeting_id"), rs.getString("pack_id"), rs.getString("attendee_id"),
				rs.getString("attendee_role"), rs.getString("attendee_org"), rs.getString("case_ref"), rs.getString("item"),
				decision, rs.getString("policy_revision"));
	}

	// Package-visible so the tests can mount the attack the anchor exists for: rehash a rewritten chain.
	String hash(long seq, String loggedAt, LogEntry e, String prev) {
		Decision d = e.decision();
		List<Object> columns = Arrays.asList(seq, loggedAt, e.meetingId(), e.packId(), e.attendeeId(), e.attendeeRole(),
				e.attendeeOrg(), e.caseRef(), e.item(), d.action().wire(), d.basis(), d.condition(), d.purpose(), d.rule(),
				d.reason(), e.policyRevision(), prev);
		try {
			byte[] canonical = json.writeValueAsString(columns).getBytes(StandardCharsets.UTF_8);
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
		}
		catch (JsonProcessingException | NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Decision log entry could not be hashed", ex);
		}
	}

	private record Head(long seq, String hash) {
	}

	private static final class Walk {

		long count;

		long expectedSeq = 1;

		String prev = GENESIS;

		Verification broken;

	}

}
