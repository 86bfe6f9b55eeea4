package org.proportion.pack;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import org.proportion.model.CaseRecord;

/** Counts a cohort of case records by support need, gender, age band and nationality. */
final class Trends {

	static final String NOT_RECORDED = "Not recorded";

	/**
	 * One reason for every table withheld, whatever withheld it (too few people, a count that
	 * could be worked out, a value everyone shares): a reason per cause would tell the reader
	 * which, and "everyone shares one value" is itself something about each of them.
	 */
	static final String WITHHELD = "Not shown: it would reveal something about one or more of the people counted.";

	/** Dimension id, label, whether each person counts once (so the cells add up to the total). */
	private record Dimension(String id, String label, boolean additive) {
	}

	static final List<String> DIMENSIONS = List.of("support_needs", "gender", "age_band", "nationality");

	private static final List<Dimension> ALL = List.of(new Dimension("support_needs", "Support needs", false),
			new Dimension("gender", "Gender", true), new Dimension("age_band", "Age band", true),
			new Dimension("nationality", "Nationality", true));

	private Trends() {
	}

	static List<TrendTable> tables(Collection<CaseRecord> cohort, LocalDate on, int k) {
		List<TrendTable> tables = new ArrayList<>();
		for (Dimension dimension : ALL) {
			Map<String, Integer> counts = new TreeMap<>();
			for (CaseRecord record : cohort) {
				values(dimension.id(), record.fieldsOn(on)).forEach(v -> counts.merge(v, 1, Integer::sum));
			}
			tables.add(table(dimension, counts, cohort.size(), k));
		}
		return tables;
	}

	private static TrendTable table(Dimension dimension, Map<String, Integer> counts, int total, int k) {
		String people = total < k ? "fewer than " + k + " people" : total + " people";
		String shownTotal = people + (dimension.additive() ? "" : " (a person may have several needs)");
		if (total < k) {
			return new TrendTable(dimension.id(), dimension.label(), shownTotal, List.of(), true, WITHHELD);
		}
		// "All 12 are British" says it of each of them, to a reader who may not see the field.
		if (dimension.additive() && counts.containsValue(total)) {
			return new TrendTable(dimension.id(), dimension.label(), shownTotal, List.of(), true, WITHHELD);
		}
		// "All 6 have a mental health need" too: a need everyone has is left out of the table (a
		// row marked "not shown" for it would say the same), so it reads as a need nobody has.
		if (!dimension.additive()) {
			counts.values().removeIf(n -> n == total);
		}
		SmallNumbers.Result result = SmallNumbers.suppress(counts, k, dimension.additive());
		if (result.tableWithheld()) {
			return new TrendTable(dimension.id(), dimension.label(), shownTotal, List.of(), true, WITHHELD);
		}
		List<TrendTable.Row> rows = new ArrayList<>();
		counts.forEach((value, n) -> rows.add(new TrendTable.Row(value, switch (result.cells().get(value)) {
			case SHOWN -> String.valueOf(n);
			case SMALL -> "fewer than " + k;
			case HIDDEN -> "not shown";
		})));
		rows.sort((a, b) -> a.value().equals(NOT_RECORDED) ? 1 : b.value().equals(NOT_RECORDED) ? -1 : 0);
		return new TrendTable(dimension.id(), dimension.label(), shownTotal, rows, false, null);
	}

	private static List<String> values(String dimension, Map<String, Object> fields) {
		// A field the agency marked never to be disclosed is not counted by its value either.
		List<?> marked = fields.get(CaseRecord.DO_NOT_DISCLOSE) instanceof List<?> list ? list : List.of();
		List<String> sources = dimension.equals("age_band") ? List.of(CaseRecord.AGE, CaseRecord.DATE_OF_BIRTH)
				: List.of(dimension);
		if (sources.stream().anyMatch(marked::contains)) {
			return dimension.equals("support_needs") ? List.of() : List.of(NOT_RECORDED);
		}
		Function<String, String> text = f -> fields.get(f) instanceof String s && !s.isBlank() ? s : NOT_RECORDED;
		return switch (dimension) {
			case "support_needs" -> fields.get("support_needs") instanceof List<?> needs
					? needs.stream().map(String::valueOf).distinct().toList() : List.of();
			case "age_band" -> List.of(ageBand(fields.get(CaseRecord.AGE)));
			default -> List.of(text.apply(dimension));
		};
	}

	private static String ageBand(Object age) {
		try {
			return Generalisations.ageBand(Integer.parseInt(String.valueOf(age).trim()));
		}
		catch (NumberFormatException ex) {
			return NOT_RECORDED;
		}
	}

}
