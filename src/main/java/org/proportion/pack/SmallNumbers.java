package org.proportion.pack;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Small-number suppression for one table of counts. Counts from 1 to k-1 are hidden ("fewer than
 * k"). In a table whose cells add up to a total the reader knows, hiding one small cell is not
 * enough: total minus the visible cells gives it back. So further cells are hidden ("not shown")
 * until, for every small hidden cell, everything the reader can work out from the table still
 * allows each value from 1 to k-1. If that needs every cell, the table is not shown at all.
 */
final class SmallNumbers {

	enum Cell {

		SHOWN, SMALL, HIDDEN

	}

	record Result(Map<String, Cell> cells, boolean tableWithheld) {
	}

	private SmallNumbers() {
	}

	/**
	 * @param additive true when the cells add up to a known total (one value per person)
	 */
	static Result suppress(Map<String, Integer> counts, int k, boolean additive) {
		Map<String, Cell> cells = new LinkedHashMap<>();
		counts.forEach((value, n) -> cells.put(value, n > 0 && n < k ? Cell.SMALL : Cell.SHOWN));
		if (!additive) {
			return new Result(cells, false);
		}
		while (!safe(counts, cells, k)) {
			var next = counts.entrySet()
				.stream()
				.filter(e -> cells.get(e.getKey()) == Cell.SHOWN && e.getValue() > 0)
				.min(Comparator.comparingInt(Map.Entry<String, Integer>::getValue).thenComparing(Map.Entry::getKey));
			if (next.isEmpty()) {
				return new Result(cells, true);
			}
			cells.put(next.get().getKey(), Cell.HIDDEN);
		}
		return new Result(cells, false);
	}

	// What a reader knows: the hidden cells' sum S, each SMALL cell is in 1..k-1, each HIDDEN one
	// is at least k. A SMALL cell's possible range is then [low, high]; it must span 1..k-1.
	private static boolean safe(Map<String, Integer> counts, Map<String, Cell> cells, int k) {
		int small = 0;
		int hidden = 0;
		int sum = 0;
		for (var e : cells.entrySet()) {
			if (e.getValue() != Cell.SHOWN) {
				sum += counts.get(e.getKey());
				small += e.getValue() == Cell.SMALL ? 1 : 0;
				hidden += e.getValue() == Cell.HIDDEN ? 1 : 0;
			}
		}
		if (small == 0) {
			return true;
		}
		int high = Math.min(k - 1, sum - (small - 1) - hidden * k);
		int low = hidden > 0 ? 1 : Math.max(1, sum - (small - 1) * (k - 1));
		return low <= 1 && high >= k - 1;
	}

}
