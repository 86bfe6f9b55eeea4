package org.proportion.pack;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.proportion.pack.SmallNumbers.Cell;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Small-number suppression judged the way an attacker would: enumerate every table consistent
 * with what the pack shows (the total, the visible counts, "fewer than 5", "not shown") and check
 * that no small count can be pinned down.
 */
class SmallNumbersTests {

	static final int K = 5;

	@Test
	void aSingleSmallCellInATableWithAKnownTotalHidesAnotherCell() {
		Map<String, Integer> counts = new LinkedHashMap<>(Map.of("Female", 3, "Male", 40));
		SmallNumbers.Result result = SmallNumbers.suppress(counts, K, true);
		// Hiding only Female would leave total - 40 = 3 for anyone to work out.
		assertThat(result.tableWithheld()).isFalse();
		assertThat(result.cells()).containsEntry("Female", Cell.SMALL).containsEntry("Male", Cell.HIDDEN);
	}

	@Test
	void countsAtOrAboveTheThresholdAreShownAndSmallOnesAreNot() {
		Map<String, Integer> counts = new LinkedHashMap<>();
		counts.put("a", 2);
		counts.put("b", 9);
		counts.put("c", 12);
		counts.put("d", 15);
		SmallNumbers.Result result = SmallNumbers.suppress(counts, K, true);
		assertThat(result.cells()).containsEntry("a", Cell.SMALL).containsEntry("b", Cell.HIDDEN).containsEntry("d", Cell.SHOWN);
	}

	@Test
	void multiValuedTablesOnlyHideTheSmallCells() {
		Map<String, Integer> counts = new LinkedHashMap<>(Map.of("alcohol", 2, "benefits", 30));
		SmallNumbers.Result result = SmallNumbers.suppress(counts, K, false);
		assertThat(result.cells()).containsEntry("alcohol", Cell.SMALL).containsEntry("benefits", Cell.SHOWN);
	}

	@Test
	void noSmallCountCanBeWorkedOutFromAnyTableOfUpToFiveCells() {
		Random random = new Random(7);
		int checked = 0;
		int showingCounts = 0;
		for (int trial = 0; trial < 3000; trial++) {
			int cells = 2 + random.nextInt(4);
			Map<String, Integer> counts = new LinkedHashMap<>();
			for (int i = 0; i < cells; i++) {
				counts.put("v" + i, 1 + random.nextInt(random.nextBoolean() ? 6 : 14));
			}
			SmallNumbers.Result result = SmallNumbers.suppress(counts, K, true);
			if (result.tableWithheld()) {
				continue;
			}
			assertUnrecoverable(counts, result.cells());
			checked++;
			if (result.cells().containsValue(Cell.SHOWN)) {
				showingCounts++;
			}
		}
		// Withholding every table, or hiding every count, would pass the check above: most tables
		// must be shown and many must show counts for it to mean anything.
		assertThat(checked).as("tables shown").isGreaterThan(1500);
		assertThat(showingCounts).as("tables showing at least one count").isGreaterThan(1000);
	}

	/** Every small cell, across all tables consistent with the display, takes every value 1..K-1. */
	private static void assertUnrecoverable(Map<String, Integer> counts, Map<String, Cell> cells) {
		int total = counts.values().stream().mapToInt(Integer::intValue).sum();
		List<String> hidden = new ArrayList<>();
		int visible = 0;
		for (var e : cells.entrySet()) {
			if (e.getValue() == Cell.SHOWN) {
				assertThat(counts.get(e.getKey())).as("shown count").isGreaterThanOrEqualTo(K);
				visible += counts.get(e.getKey());
			}
			else {
				hidden.add(e.getKey());
			}
		}
		Map<String, Set<Integer>> possible = new LinkedHashMap<>();
		hidden.forEach(h -> possible.put(h, new HashSet<>()));
		enumerate(hidden, cells, 0, total - visible, new int[hidden.size()], possible);
		for (String h : hidden) {
			if (cells.get(h) == Cell.SMALL) {
				assertThat(possible.get(h)).as("values consistent with the table for %s in %s", h, counts)
					.containsAll(List.of(1, 2, 3, 4));
			}
		}
	}

	private static void enumerate(List<String> hidden, Map<String, Cell> cells, int index, int remaining, int[] values,
			Map<String, Set<Integer>> possible) {
		if (index == hidden.size()) {
			if (remaining == 0) {
				for (int i = 0; i < hidden.size(); i++) {
					possible.get(hidden.get(i)).add(values[i]);
				}
			}
			return;
		}
		boolean small = cells.get(hidden.get(index)) == Cell.SMALL;
		int from = small ? 1 : K;
		int to = small ? K - 1 : remaining;
		for (int v = from; v <= Math.min(to, remaining); v++) {
			values[index] = v;
			enumerate(hidden, cells, index + 1, remaining - v, values, possible);
		}
	}

}
