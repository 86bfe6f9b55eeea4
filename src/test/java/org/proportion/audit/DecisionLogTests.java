package org.proportion.audit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.proportion.model.Action;
import org.proportion.model.Decision;
import org.proportion.support.GatewayTestSupport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The decision log's hash chain: it verifies as written, and any edit made directly in the
 * database is caught at the entry that was edited. Run on H2 and PostgreSQL by the subclasses.
 */
abstract class DecisionLogTests extends GatewayTestSupport {

	@Autowired
	DecisionLog decisionLog;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transaction;

	@Autowired
	JdbcDecisionLog jdbcLog;

	@Value("${proportion.audit.anchor-dir}")
	Path anchorDir;

	@Value("${proportion.audit.anchor-key}")
	Path anchorKey;

	long first;

	static LogEntry entry(String item, Action action) {
		Decision decision = new Decision(action, action == Action.WITHHOLD ? null : "UK GDPR Art 6(1)(e) public task",
				null, "rough_sleeping_response", "sharing.test", "Because the test says so.", null);
		return new LogEntry("rs-mam-2026-12", "rs-mam-2026-12-v1", "mam-police", "police_officer", "police",
				"outreach:OR-1001", item, decision, "modules:abc data:def");
	}

	@BeforeEach
	void writeFiveEntries() {
		first = jdbc.sql("select last_seq from decision_log_head").query(Long.class).single() + 1;
		transaction.executeWithoutResult(tx -> decisionLog.append(List.of(entry("name", Action.SHARE),
				entry("age", Action.GENERALISE), entry("nationality", Action.WITHHOLD),
				entry("support_needs", Action.WITHHOLD), entry("phone", Action.WITHHOLD))));
	}

	@Test
	void theChainVerifiesAsWritten() {
		Verification result = decisionLog.verify();
		assertThat(result.valid()).isTrue();
		assertThat(result.entries()).isEqualTo(first + 4);
	}

	@Test
	void editingAnEntrysReasonBreaksTheChainAtThatEntry() {
		jdbc.sql("update decision_log set reason = 'Nothing to see here.' where seq = ?").param(first + 1).update();
		Verification result = decisionLog.verify();
		assertThat(result.valid()).isFalse();
		assertThat(result.firstBroken()).isEqualTo(first + 1);
	}

	@Test
	void aCaseAndItsFieldsAreOneRowThatReadsBackAsEveryDecisionAndATurnedFieldBreaksTheChain() {
		long head = jdbc.sql("select last_seq from decision_log_head").query(Long.class).single();
		transaction.executeWithoutResult(tx -> decisionLog.append(List.of(entry("case", Action.SHARE),
				entry("name", Action.SHARE), entry("nationality", Action.WITHHOLD), entry("notes", Action.REDACT))));
		assertThat(jdbc.sql("select last_seq from decision_log_head").query(Long.class).single()).as("rows written")
			.isEqualTo(head + 1);
		assertThat(decisionLog.entriesOfPack("rs-mam-2026-12-v1").stream().skip(5).map(LogEntry::item))
			.containsExactly("case", "name", "nationality", "notes");
		assertThat(decisionLog.entriesOfCase("outreach:OR-1001").stream()
			.filter(l -> l.seq() == head + 1)
			.map(l -> l.entry().item() + "=" + l.entry().decision().action().wire()))
			.containsExactly("case=share", "name=share", "nationality=withhold", "notes=redact");
		assertThat(decisionLog.verify().valid()).isTrue();

		// The nationality turned into a share inside the row, without rehashing it.
		String items = org.proportion.storage.Compressed.gunzip(jdbc.sql("select items_gz from decision_log where seq = ?").param(head + 1)
			.query(byte[].class)
			.single());
		assertThat(items).contains("\"nationality\",\"withhold\"");
		jdbc.sql("update decision_log set items_gz = ? where seq = ?")
			.params(org.proportion.storage.Compressed.gzip(items.replace("\"nationality\",\"withhold\"", "\"nationality\",\"share\"")), head + 1)
			.update();
		Verification result = decisionLog.verify();
		assertThat(result.valid()).isFalse();
		assertThat(result.firstBroken()).isEqualTo(head + 1);
	}

	@Test
	void turningAWithholdIntoAShareBreaksTheChainAtThatEntry() {
		jdbc.sql("update decision_log set action = 'share' where seq = ?").param(first + 2).update();
		assertThat(decisionLog.verify().firstBroken()).isEqualTo(first + 2);
	}

	@Test
	void replacingAnEntrysContentAndHashIsCaught() {
		jdbc.sql("update decision_log set reason = 'x', entry_hash = ? where seq = ?")
			.params("f".repeat(64), first + 2)
			.update();
		Verification result = decisionLog.verify();
		assertThat(result.firstBroken()).isEqualTo(first + 2);
	}

	@Test
	void deletingAnEntryInTheMiddleIsNamed() {
		jdbc.sql("delete from decision_log where seq = ?").param(first + 3).update();
		assertThat(decisionLog.verify().firstBroken()).isEqualTo(first + 3);
	}

	@Test
	void deletingTheLastEntriesIsCaught() {
		jdbc.sql("delete from decision_log where seq = ?").param(first + 4).update();
		Verification result = decisionLog.verify();
		assertThat(result.valid()).isFalse();
		assertThat(result.firstBroken()).isEqualTo(first + 4);
	}

	/** The attack the checkpoints exist for: edit an entry, then recompute every later hash and the head. */
	@Test
	void editingAnEntryAndRehashingTheRestOfTheChainIsCaughtByTheCheckpoint() {
		jdbc.sql("update decision_log set action = 'share', reason = 'Nothing to see here.' where seq = ?")
			.param(first + 2)
			.update();
		String prev = jdbc.sql("select entry_hash from decision_log where seq = ?").param(first + 1).query(String.class).single();
		long last = first + 4;
		for (long seq = first + 2; seq <= last; seq++) {
			String loggedAt = jdbc.sql("select logged_at from decision_log where seq = ?").param(seq).query(String.class).single();
			LogEntry stored = jdbcLog.entriesOfPack("rs-mam-2026-12-v1")
				.get((int) (seq - first));
			String hash = jdbcLog.hash(seq, loggedAt, stored, prev);
			jdbc.sql("update decision_log set prev_hash = ?, entry_hash = ? where seq = ?").params(prev, hash, seq).update();
			prev = hash;
		}
		jdbc.sql("update decision_log_head set last_hash = ? where id = 1").param(prev).update();

		Verification result = decisionLog.verify();
		assertThat(result.valid()).isFalse();
		assertThat(result.problem()).contains("rewritten");
		assertThat(result.firstBroken()).isLessThanOrEqualTo(first + 2);
	}

	@Test
	void cuttingTheTailAndRewindingTheHeadIsCaughtByTheCheckpoint() {
		String hash = jdbc.sql("select entry_hash from decision_log where seq = ?").param(first + 2).query(String.class).single();
		jdbc.sql("delete from decision_log where seq > ?").param(first + 2).update();
		jdbc.sql("update decision_log_head set last_seq = ?, last_hash = ? where id = 1").params(first + 2, hash).update();

		Verification result = decisionLog.verify();
		assertThat(result.valid()).isFalse();
		assertThat(result.firstBroken()).isEqualTo(first + 3);
		assertThat(result.problem()).contains("removed");
	}

	@Test
	void theChainIsAnchoredByAKeyOnlyItsOwnerCanRead() throws Exception {
		assertThat(decisionLog.verify().anchoredThrough()).isEqualTo(first + 4);
		assertThat(Files.getPosixFilePermissions(anchorKey)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
				PosixFilePermission.OWNER_WRITE);
		// A checkpoint edited without the key does not verify.
		Path checkpoints = anchorDir.resolve("checkpoints.jsonl");
		Files.writeString(checkpoints, Files.readString(checkpoints).replaceAll("\"seq\":(\\d+)", "\"seq\":1$1"));
		Verification result = decisionLog.verify();
		assertThat(result.valid()).isFalse();
		assertThat(result.problem()).contains("checkpoint", "altered");
	}

	@Test
	void appendingOutsideATransactionIsRefused() {
		org.assertj.core.api.Assertions
			.assertThatThrownBy(() -> decisionLog.append(List.of(entry("name", Action.SHARE))))
			.isInstanceOf(org.springframework.transaction.IllegalTransactionStateException.class);
	}

}
