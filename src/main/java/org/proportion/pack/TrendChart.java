package org.proportion.pack;

import java.util.ArrayList;
import java.util.List;

/**
 * A trend table laid out as horizontal bars, so the view can draw it (an SVG in the browser,
 * plain boxes in the PDF) without any script or arithmetic in the template. Only counts that are
 * shown as numbers get a bar in proportion; a suppressed cell ("fewer than k", "not shown") gets
 * a fixed hatched marker and its words, so no picture ever gives back a number the table hides.
 */
public record TrendChart(List<Bar> bars, int height) {

	/** Where the bars start, and their longest length, in SVG units. */
	public static final int BAR_X = 190;

	public static final int BAR_MAX = 240;

	static final int ROW = 30;

	/**
	 * @param width the bar's length in SVG units (0 for a suppressed cell)
	 * @param percent the same as a share of the longest bar, for the PDF's boxes
	 * @param y the row's top in SVG units
	 */
	public record Bar(String label, String display, boolean suppressed, int width, int percent, int y) {

		/** Where the value's words go: just after the bar, or after the hatched marker. */
		public int textX() {
			return BAR_X + (suppressed ? 28 : width) + 8;
		}

	}

	public static TrendChart of(TrendTable table) {
		int max = 0;
		for (TrendTable.Row row : table.rows()) {
			max = Math.max(max, count(row.display()));
		}
		List<Bar> bars = new ArrayList<>();
		int y = 4;
		for (TrendTable.Row row : table.rows()) {
			int n = count(row.display());
			boolean suppressed = n < 0;
			int width = suppressed || max == 0 ? 0 : Math.max(2, Math.round((float) n * BAR_MAX / max));
			int percent = suppressed || max == 0 ? 0 : Math.max(1, Math.round(n * 100f / max));
			bars.add(new Bar(row.value().replace('_', ' '), row.display(), suppressed, width, percent, y));
			y += ROW;
		}
		return new TrendChart(List.copyOf(bars), y + 4);
	}

	/** The count a cell shows as a number, or -1 when it shows words instead (suppressed). */
	static int count(String display) {
		if (display == null || display.isEmpty() || !display.chars().allMatch(Character::isDigit)) {
			return -1;
		}
		try {
			return Integer.parseInt(display);
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

}
