package org.proportion.audit;

import java.util.List;

/** The decision log: append-only and tamper-evident. Nothing else touches its tables. */
public interface DecisionLog {

	/** Appends the entries in order, in the caller's transaction, chained to the last entry. */
	default void append(List<LogEntry> entries) {
		append(prepare(entries));
	}

	/**
	 * The entries grouped into the rows they will be, with each row's field decisions written in
	 * canonical form and compressed: the costly part of appending, done before the caller's
	 * transaction opens (and beside other work), so the transaction only chains and inserts.
	 * Nothing is logged until {@link #append(PreparedEntries)}.
	 */
	PreparedEntries prepare(List<LogEntry> entries);

	/** Appends prepared entries in order, in the caller's transaction, chained to the last entry. */
	void append(PreparedEntries entries);

	/** Walks the whole chain and names the first entry that does not verify. */
	Verification verify();

	/** Entries of one pack, in order, for DPOs and tests. */
	List<LogEntry> entriesOfPack(String packId);

	/** Every entry about one case, in order, with when it was logged: the ledger and rights ask this. */
	List<Logged> entriesOfCase(String caseRef);

	/**
	 * The meetings any of whose packs decided about the case, whether or not it is still on their
	 * agenda: where a change to the person's rights must reach.
	 */
	java.util.Set<String> meetingsOfCase(String caseRef);

	/** An entry with its place in the chain and the time it was logged. */
	record Logged(long seq, String loggedAt, LogEntry entry) {
	}

}
