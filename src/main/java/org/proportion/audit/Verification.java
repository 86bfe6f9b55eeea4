package org.proportion.audit;

/**
 * The outcome of walking the hash chain.
 *
 * @param firstBroken sequence number of the first entry that does not verify, or null
 */
public record Verification(boolean valid, long entries, Long firstBroken, String problem) {

	public static Verification ok(long entries) {
		return new Verification(true, entries, null, null);
	}

	public static Verification broken(long entries, long seq, String problem) {
		return new Verification(false, entries, seq, problem);
	}

}
