package org.proportion.audit;

import java.util.List;

/**
 * Log entries made ready to append ({@link DecisionLog#prepare}): grouped into rows, each row's
 * field decisions in the canonical text its hash will cover and compressed as stored. Only the
 * log can make or read one, so what is appended is exactly what was prepared.
 */
public final class PreparedEntries {

	/** One row to be: its case (or pack or trend) entry, its field decisions' text and stored bytes. */
	record Row(LogEntry entry, String items, byte[] itemsGz) {
	}

	private final List<LogEntry> entries;

	private final List<Row> rows;

	PreparedEntries(List<LogEntry> entries, List<Row> rows) {
		this.entries = List.copyOf(entries);
		this.rows = List.copyOf(rows);
	}

	/** Every decision these rows hold, in order (the metrics count them once appended). */
	public List<LogEntry> entries() {
		return entries;
	}

	List<Row> rows() {
		return rows;
	}

	/** How many rows appending these entries will write. */
	public int size() {
		return rows.size();
	}

}
