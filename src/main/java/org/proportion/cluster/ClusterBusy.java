package org.proportion.cluster;

/**
 * The work a caller asked for is being done by another gateway (or another thread of this one)
 * and did not finish within the time the caller was willing to wait. Says only which kind of work
 * it was: lock names carry meeting ids, never personal data, but the caller already knows them.
 */
public class ClusterBusy extends RuntimeException {

	private final String lockName;

	public ClusterBusy(String lockName) {
		super("Another gateway is doing this work now: " + lockName);
		this.lockName = lockName;
	}

	public String lockName() {
		return lockName;
	}

}
