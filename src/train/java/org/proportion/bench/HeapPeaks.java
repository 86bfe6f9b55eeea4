package org.proportion.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Heap figures for the launcher's benchmarks, since the last reset.
 * <ul>
 * <li>{@link #bytes()}: the sum of each heap pool's own peak. Pools peak at different moments, so
 * the sum is an upper bound, not the heap in use at any one time; with the whole heap committed
 * from the start and a large young generation it can exceed the heap's limit.</li>
 * <li>{@link #fullestMegabytes()}: the most heap in use at one moment, garbage included: the heap
 * just before a collection (or now, if fuller). Never more than the limit.</li>
 * <li>{@link #liveMegabytes()}: the most heap still in use just after a collection, which is what
 * the work needed; -1 if nothing was collected since the reset.</li>
 * </ul>
 */
public final class HeapPeaks {

	private static final AtomicLong FULLEST = new AtomicLong();

	private static final AtomicLong LIVE = new AtomicLong(-1);

	static {
		Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans()
			.stream()
			.filter(pool -> pool.getType() == MemoryType.HEAP)
			.map(MemoryPoolMXBean::getName)
			.collect(Collectors.toSet());
		GcNotifications.onEachCollection(name -> true, info -> {
			FULLEST.accumulateAndGet(used(info.getGcInfo().getMemoryUsageBeforeGc(), heapPools), Math::max);
			LIVE.accumulateAndGet(used(info.getGcInfo().getMemoryUsageAfterGc(), heapPools), Math::max);
		});
	}

	private HeapPeaks() {
	}

	private static long used(Map<String, MemoryUsage> pools, Set<String> heapPools) {
		return pools.entrySet()
			.stream()
			.filter(e -> heapPools.contains(e.getKey()))
			.mapToLong(e -> e.getValue().getUsed())
			.sum();
	}

	public static void reset() {
		ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
		FULLEST.set(0);
		LIVE.set(-1);
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

	public static long fullestMegabytes() {
		return Math.max(FULLEST.get(), ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed())
				/ (1024 * 1024);
	}

	/** -1 if nothing was collected since the reset. */
	public static long liveMegabytes() {
		long live = LIVE.get();
		return live < 0 ? -1 : live / (1024 * 1024);
	}

}
