package org.proportion.pack;

import java.util.List;

/**
 * One aggregate table as an attendee sees it. Counts are already suppressed: a row's display is
 * a number, "fewer than k" or "not shown".
 */
public record TrendTable(String dimension, String label, String total, List<Row> rows, boolean withheld,
		String reason) {

	public record Row(String value, String display) {
	}

	/** The same rows laid out as bars for the view's chart (not part of the view's JSON). */
	public TrendChart chart() {
		return TrendChart.of(this);
	}

}
