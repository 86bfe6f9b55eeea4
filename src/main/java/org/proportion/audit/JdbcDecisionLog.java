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
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.proportion.model.Action;
import org.proportion.model.Decision;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The decision log in the case database. Each entry's hash covers its own columns and the hash
 * of the entry before it; the head row, locked while appending, serialises writers so the
 * chain never forks, even with several gateways on one PostgreSQL.
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

	JdbcDecisionLog(JdbcClient jdbc, JdbcTemplate batch) {
		this.jdbc = jdbc;
		this.batch = batch;
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
		// The head first, then the entries up to it: an append while walking is not a break.
		Head head = jdbc.sql("select last_seq, last_hash from decision_log_head where id = 1")
			.query((rs, n) -> new Head(rs.getLong("last_seq"), rs.getString("last_hash")))
			.single();
		Walk walk = new Walk();
		jdbc.sql("select * from decision_log where seq <= ? order by seq").param(head.seq()).query(rs -> {
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
			walk.prev = expected;
			walk.expectedSeq++;
		});
		if (walk.broken != null) {
			return walk.broken;
		}
		if (head.seq() != walk.expectedSeq - 1 || !head.hash().equals(walk.prev)) {
			return Verification.broken(walk.count, walk.expectedSeq, "entries after " + (walk.expectedSeq - 1) + " were removed");
		}
		return Verification.ok(walk.count);
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

	private String hash(long seq, String loggedAt, LogEntry e, String prev) {
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
