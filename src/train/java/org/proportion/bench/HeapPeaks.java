package org.proportion.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * Peak heap for the launcher's benchmarks: the sum of each heap pool's own peak since the last
 * reset. Pools peak at different moments, so the sum is an upper bound, not the heap in use at any
 * one time (the README says so beside every figure).
 */
public final class HeapPeaks {

	private HeapPeaks() {
	}

	public static void reset() {
		ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
	}

	public static long bytes() {
		long peak = 0;
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
				peak += pool.getPeakUsage().getUsed();
			}
		}
		return peak;
	}

	public static long megabytes() {
		return bytes() / (1024 * 1024);
	}

}
