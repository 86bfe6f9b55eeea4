package org.proportion.model;

/** The age bands every view uses: under 18, 18-24, 25-34, 35-44, 45-54, 55-64, 65 or over. */
public final class AgeBands {

	private static final int[] BOUNDS = { 18, 25, 35, 45, 55, 65 };

	private AgeBands() {
	}

	public static String of(int age) {
		if (age < BOUNDS[0]) {
			return "under 18";
		}
		for (int i = 0; i + 1 < BOUNDS.length; i++) {
			if (age < BOUNDS[i + 1]) {
				return BOUNDS[i] + "-" + (BOUNDS[i + 1] - 1);
			}
		}
		return "65 or over";
	}

}
