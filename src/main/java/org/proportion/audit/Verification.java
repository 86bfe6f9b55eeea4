package org.proportion.audit;

/**
 * The outcome of walking the hash chain and checking it against the checkpoints outside the
 * database.
 *
 * @param firstBroken sequence number of the first entry that does not verify, or null
 * @param anchoredThrough the last entry a keyed checkpoint vouches for (0 if none yet); entries
 * after it verify as a chain but are not yet anchored
 */
public record Verification(boolean valid, long entries, Long firstBroken, String problem, long anchoredThrough) {

	public static Verification ok(long entries) {
		return ok(entries, 0);
	}

	public static Verification ok(long entries, long anchoredThrough) {
		return new Verification(true, entries, null, null, anchoredThrough);
	}

	public static Verification broken(long entries, long seq, String problem) {
		return new Verification(false, entries, seq, problem, 0);
	}

}
