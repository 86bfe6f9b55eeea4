package org.proportion.pack;

import java.util.HashMap;
import java.util.Map;

/** "Person A", "Person B", … stable for a case within one pack, and meaningless outside it. */
final class Pseudonyms {

	private final Map<String, String> byCase = new HashMap<>();

	String of(String caseRef) {
		return byCase.computeIfAbsent(caseRef, ref -> "Person " + letters(byCase.size()));
	}

	// 0 -> A, 25 -> Z, 26 -> AA, like spreadsheet columns.
	static String letters(int index) {
		StringBuilder out = new StringBuilder();
		int n = index;
		do {
			out.insert(0, (char) ('A' + n % 26));
			n = n / 26 - 1;
		}
		while (n >= 0);
		return out.toString();
	}

}
