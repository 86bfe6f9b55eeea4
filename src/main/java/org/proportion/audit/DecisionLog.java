package org.proportion.audit;

import java.util.List;

/** The decision log: append-only and tamper-evident. Nothing else touches its tables. */
public interface DecisionLog {

	/** Appends the entries in order, in the caller's transaction, chained to the last entry. */
	void append(List<LogEntry> entries);

	/** Walks the whole chain and names the first entry that does not verify. */
	Verification verify();

	/** Entries of one pack, in order, for DPOs and tests. */
	List<LogEntry> entriesOfPack(String packId);

	/** Every entry about one case, in order, with when it was logged: the ledger and rights ask this. */
	List<Logged> entriesOfCase(String caseRef);

	/** An entry with its place in the chain and the time it was logged. */
	record Logged(long seq, String loggedAt, LogEntry entry) {
	}

}
