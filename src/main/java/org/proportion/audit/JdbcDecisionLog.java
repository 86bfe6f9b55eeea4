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
import java.util.Objects;

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

	private static final String CASE = "case";

	private static final com.fasterxml.jackson.core.type.TypeReference<List<List<String>>> ITEMS = new com.fasterxml.jackson.core.type.TypeReference<>() {
	};

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
		append(prepare(entries));
	}

	@Override
	public PreparedEntries prepare(List<LogEntry> entries) {
		List<PreparedEntries.Row> rows = new ArrayList<>();
		for (int i = 0; i < entries.size();) {
			int end = groupEnd(entries, i);
			String items = end == i + 1 ? null : items(entries.subList(i + 1, end));
			rows.add(new PreparedEntries.Row(entries.get(i), items, org.proportion.storage.Compressed.gzip(items)));
			i = end;
		}
		return new PreparedEntries(entries, rows);
	}

	@Override
	@Transactional(propagation = Propagation.MANDATORY)
	public void append(PreparedEntries entries) {
		Head head = jdbc.sql("select last_seq, last_hash from decision_log_head where id = 1 for update")
			.query((rs, n) -> new Head(rs.getLong("last_seq"), rs.getString("last_hash")))
			.single();
		long seq = head.seq();
		String prev = head.hash();
		String loggedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
		// The same chain as one insert per row; the rows go to the database in batches.
		List<Object[]> rows = new ArrayList<>(Math.min(entries.size(), BATCH));
		for (PreparedEntries.Row row : entries.rows()) {
			LogEntry entry = row.entry();
			seq++;
			String hash = hash(seq, loggedAt, entry, row.items(), prev);
			Decision d = entry.decision();
			rows.add(new Object[] { seq, loggedAt, entry.meetingId(), entry.packId(), entry.attendeeId(),
					entry.attendeeRole(), entry.attendeeOrg(), entry.caseRef(), entry.item(), d.action().wire(), d.basis(),
					d.condition(), d.purpose(), d.rule(), d.reason(), entry.policyRevision(), row.itemsGz(), prev, hash });
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

	/**
	 * A case decision and the field decisions after it for the same pack, attendee, case and
	 * revision become one row: a pack of 200 cases and 6 attendees writes 1,200 rows, not 23,000,
	 * and the row's hash covers every field decision in it. Anything else is a row of its own.
	 */
	private static int groupEnd(List<LogEntry> entries, int start) {
		LogEntry head = entries.get(start);
		int end = start + 1;
		if (!CASE.equals(head.item()) || head.caseRef() == null) {
			return end;
		}
		while (end < entries.size() && sameGroup(head, entries.get(end))) {
			end++;
		}
		return end;
	}

	private static boolean sameGroup(LogEntry head, LogEntry next) {
		String item = next.item();
		return item != null && !CASE.equals(item) && !item.equals("pack") && !item.startsWith("trend:")
				&& head.caseRef().equals(next.caseRef()) && Objects.equals(head.packId(), next.packId())
				&& Objects.equals(head.meetingId(), next.meetingId()) && Objects.equals(head.attendeeId(), next.attendeeId())
				&& Objects.equals(head.attendeeRole(), next.attendeeRole())
				&& Objects.equals(head.attendeeOrg(), next.attendeeOrg())
				&& Objects.equals(head.policyRevision(), next.policyRevision());
	}

	// The field decisions of a row, in order, in a canonical form its hash can cover.
	private String items(List<LogEntry> fields) {
		List<List<String>> items = new ArrayList<>(fields.size());
		for (LogEntry e : fields) {
			Decision d = e.decision();
			items.add(Arrays.asList(e.item(), d.action().wire(), d.basis(), d.condition(), d.purpose(), d.rule(), d.reason()));
		}
		try {
			return json.writeValueAsString(items);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("Decision log items could not be written", ex);
		}
	}

	private void insert(List<Object[]> rows) {
		if (rows.isEmpty()) {
			return;
		}
		batch.batchUpdate("""
				insert into decision_log (seq, logged_at, meeting_id, pack_id, attendee_id, attendee_role,
				    attendee_org, case_ref, item, action, lawful_basis, condition_text, purpose, rule_id, reason,
				    policy_revision, items_gz, prev_hash, entry_hash)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows);
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
			String expected = hash(seq, rs.getString("logged_at"), head(rs), items(rs), walk.prev);
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
		List<LogEntry> entries = new ArrayList<>();
		jdbc.sql("select * from decision_log where pack_id = ? order by seq").param(packId)
			.query(rs -> {
				entries.addAll(entries(rs));
			});
		return entries;
	}

	@Override
	public List<Logged> entriesOfCase(String caseRef) {
		List<Logged> entries = new ArrayList<>();
		jdbc.sql("select * from decision_log where case_ref = ? order by seq").param(caseRef).query(rs -> {
			long seq = rs.getLong("seq");
			String loggedAt = rs.getString("logged_at");
			entries(rs).forEach(e -> entries.add(new Logged(seq, loggedAt, e)));
		});
		return entries;
	}

	@Override
	public java.util.Set<String> meetingsOfCase(String caseRef) {
		return new java.util.LinkedHashSet<>(jdbc.sql("select distinct meeting_id from decision_log where case_ref = ?")
			.param(caseRef)
			.query(String.class)
			.list());
	}

	// A row's field decisions as their canonical text (compressed since V29, plain before); null for none.
	private static String items(ResultSet rs) throws SQLException {
		byte[] compressed = rs.getBytes("items_gz");
		return compressed != null ? org.proportion.storage.Compressed.gunzip(compressed) : rs.getString("items");
	}

	// A row's own decision, without the field decisions it may carry.
	private static LogEntry head(ResultSet rs) throws SQLException {
		Decision decision = new Decision(Action.parse(rs.getString("action")), rs.getString("lawful_basis"),
				rs.getString("condition_text"), rs.getString("purpose"), rs.getString("rule_id"), rs.getString("reason"), null);
		return new LogEntry(rs.getString("meeting_id"), rs.getString("pack_id"), rs.getString("attendee_id"),
				rs.getString("attendee_role"), rs.getString("attendee_org"), rs.getString("case_ref"), rs.getString("item"),
				decision, rs.getString("policy_revision"));
	}

	// Every decision a row holds: its own, then each field's, as they were appended.
	private List<LogEntry> entries(ResultSet rs) throws SQLException {
		LogEntry head = head(rs);
		String items = items(rs);
		if (items == null) {
			return List.of(head);
		}
		List<LogEntry> entries = new ArrayList<>();
		entries.add(head);
		try {
			for (List<String> item : json.readValue(items, ITEMS)) {
				Decision d = new Decision(Action.parse(item.get(1)), item.get(2), item.get(3), item.get(4), item.get(5),
						item.get(6), null);
				entries.add(new LogEntry(head.meetingId(), head.packId(), head.attendeeId(), head.attendeeRole(),
						head.attendeeOrg(), head.caseRef(), item.get(0), d, head.policyRevision()));
			}
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("A decision log row's items could not be read", ex);
		}
		return entries;
	}

	// Package-visible so the tests can mount the attack the anchor exists for: rehash a rewritten chain.
	String hash(long seq, String loggedAt, LogEntry e, String prev) {
		return hash(seq, loggedAt, e, null, prev);
	}

	// A row without items hashes exactly as rows did before items existed, so old chains verify.
	String hash(long seq, String loggedAt, LogEntry e, String items, String prev) {
		Decision d = e.decision();
		List<Object> columns = new ArrayList<>(Arrays.asList(seq, loggedAt, e.meetingId(), e.packId(), e.attendeeId(),
				e.attendeeRole(), e.attendeeOrg(), e.caseRef(), e.item(), d.action().wire(), d.basis(), d.condition(),
				d.purpose(), d.rule(), d.reason(), e.policyRevision(), prev));
		if (items != null) {
			columns.add(items);
		}
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
