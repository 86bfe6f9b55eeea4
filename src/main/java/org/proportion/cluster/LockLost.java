package org.proportion.cluster;

/**
 * This gateway's lease on a lock ran out (it stalled for longer than the lease, and another
 * gateway may have taken the work over). Thrown from {@link ClusterLocks#confirm(String)} inside
 * the transaction that would publish the work, so that transaction rolls back: fail closed rather
 * than release a second copy of what the new holder is building.
 */
public class LockLost extends IllegalStateException {

	public LockLost(String lockName) {
		super("This gateway no longer holds the lock " + lockName);
	}

}
