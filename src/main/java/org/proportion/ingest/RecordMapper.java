package org.proportion.ingest;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.proportion.model.CaseRecord;
import org.proportion.model.Consent;
import org.proportion.policy.PolicyVocabulary;
import org.springframework.stereotype.Component;

/**
 * The intake route's validate and map steps: rows read from an agency's drop ({@link RawRows})
 * checked against the agency's mapping, then turned into canonical case records. Any problem
 * rejects the whole drop, so a drop is stored whole or not at all.
 */
@Component
public class RecordMapper {

	/** Canonical fields that hold several values. */
	static final Set<String> LIST_FIELDS = Set.of("aliases", "support_needs", "health_conditions", "offences",
			"risk_flags", "consent.purposes", "consent.organisations", "consent.fields", CaseRecord.DO_NOT_DISCLOSE);

	static final Set<String> DATE_FIELDS = Set.of(CaseRecord.DATE_OF_BIRTH, "consent.obtained_on",
			"consent.withdrawn_on", "consent.valid_until");

	private static final String CONSENT = "consent.";

	/** The longest agency reference the store holds (case_record.agency_ref). */
	static final int MAX_REFERENCE = 64;

	private final PolicyVocabulary vocabulary;

	public RecordMapper(PolicyVocabulary vocabulary) {
		this.vocabulary = vocabulary;
	}

	/**
	 * The validate step: a drop with no rows is refused, and so is one whose columns are not all
	 * in the agency's mapping (a CSV whose first line is data rather than a header, named as such).
	 * Returns the rows unchanged for the map step.
	 */
	public List<Map<String, Object>> validate(AgencyMapping mapping, List<Map<String, Object>> rows, String format) {
		if (rows.isEmpty()) {
			throw new IntakeRejected("no_records", "The drop holds no records");
		}
		checkColumns(mapping, rows, format);
		return rows;
	}

	/**
	 * The map step: each validated row as a canonical case record by the agency's mapping. Any bad
	 * value or a repeated reference rejects the whole drop, so a drop is stored whole or not at all.
	 */
	public List<CaseRecord> records(AgencyMapping mapping, List<Map<String, Object>> rows) {
		List<CaseRecord> records = new ArrayList<>();
		Set<String> references = new HashSet<>();
		for (int i = 0; i < rows.size(); i++) {
			CaseRecord record = toRecord(mapping, rows.get(i), i + 1);
			if (!references.add(record.agencyRef())) {
				throw new IntakeRejected("duplicate_reference", "Record " + (i + 1) + " repeats a reference");
			}
			records.add(record);
		}
		return records;
	}

	private static void checkColumns(AgencyMapping mapping, List<Map<String, Object>> rows, String format) {
		List<String> columns = new ArrayList<>(rows.get(0).keySet());
		long known = columns.stream().filter(mapping.columns()::containsKey).count();
		// A CSV whose first line is data, not a header: its "column names" are a person's values.
		if ("csv".equalsIgnoreCase(format) && known * 2 < columns.size()) {
			throw new IntakeRejected("missing_header", "The first line is not a header: " + (columns.size() - known)
					+ " of its " + columns.size() + " cells are not columns of agency " + mapping.agency()
					+ "'s mapping (a CSV export needs its header line)");
		}
		for (int i = 0; i < rows.size(); i++) {
			int position = 0;
			for (String column : rows.get(i).keySet()) {
				position++;
				if (!mapping.columns().containsKey(column)) {
					throw new IntakeRejected("unmapped_column", "Column " + position
							+ (rows.size() > 1 && i > 0 ? " of record " + (i + 1) : "") + " is not in the mapping for agency "
							+ mapping.agency() + " (its name is not shown: it may be a value)");
				}
			}
		}
	}

	private CaseRecord toRecord(AgencyMapping mapping, Map<String, Object> row, int index) {
		for (String column : mapping.required()) {
			if (isBlank(row.get(column))) {
				throw new IntakeRejected("missing_value", "Record " + index + ": column '" + column + "' is required");
			}
		}
		Object reference = row.get(mapping.reference());
		if (!(reference instanceof String ref) || ref.isBlank()) {
			throw new IntakeRejected("missing_reference",
					"Record " + index + ": column '" + mapping.reference() + "' is required");
		}
		Map<String, Object> fields = new LinkedHashMap<>();
		Map<String, Object> consent = new LinkedHashMap<>();
		mapping.columns().forEach((column, target) -> {
			Object raw = row.get(column);
			if (target == null || column.equals(mapping.reference()) || isBlank(raw)) {
				return;
			}
			Object value = convert(target, raw, mapping.listSeparator(), mapping.dateFormat(), column, index);
			if (target.startsWith(CONSENT)) {
				consent.put(target.substring(CONSENT.length()), value);
			}
			else {
				fields.put(target, value);
			}
		});
		String agencyRef = ref.trim();
		// The store holds references of up to 64 characters; a longer one failed in the database,
		// whose message quotes the value, and a REST caller got a 500 (found by the fuzz run).
		if (agencyRef.length() > MAX_REFERENCE) {
			throw new IntakeRejected("invalid_value", "Record " + index + ": column '" + mapping.reference()
					+ "' is longer than " + MAX_REFERENCE + " characters");
		}
		checkVocabulary(mapping, fields, consent, index);
		return new CaseRecord(CaseRecord.ref(mapping.agency(), agencyRef), mapping.agency(), agencyRef, fields,
				consent.isEmpty() ? null : toConsent(consent));
	}

	/**
	 * Risk flags come from the policy's controlled vocabulary (a free-text flag could name the
	 * offence itself), do-not-disclose marks name catalogue fields, and an agreement has a known
	 * state. Reasons name the column and record, never the value.
	 */
	@SuppressWarnings("unchecked")
	private void checkVocabulary(AgencyMapping mapping, Map<String, Object> fields, Map<String, Object> consent,
			int index) {
		if (fields.get("risk_flags") instanceof List<?> flags && !vocabulary.riskFlags().containsAll(flags)) {
			throw new IntakeRejected("unknown_risk_flag", "Record " + index + ": column '" + column(mapping, "risk_flags")
					+ "' holds a risk flag that is not in the policy's vocabulary");
		}
		if (fields.get(CaseRecord.DO_NOT_DISCLOSE) instanceof List<?> marks && !vocabulary.fields().containsAll(marks)) {
			throw new IntakeRejected("invalid_value", "Record " + index + ": column '"
					+ column(mapping, CaseRecord.DO_NOT_DISCLOSE) + "' names a field that is not in the catalogue");
		}
		if (consent.get("fields") instanceof List<?> scope && !vocabulary.fields().containsAll(scope)) {
			throw new IntakeRejected("invalid_value", "Record " + index + ": column '" + column(mapping, "consent.fields")
					+ "' names a field that is not in the catalogue");
		}
		if (consent.get("state") instanceof String state && !Consent.STATES.contains(state)) {
			throw new IntakeRejected("invalid_value", "Record " + index + ": column '" + column(mapping, "consent.state")
					+ "' must be one of " + new java.util.TreeSet<>(Consent.STATES));
		}
	}

	private static String column(AgencyMapping mapping, String target) {
		return mapping.columns()
			.entrySet()
			.stream()
			.filter(e -> target.equals(e.getValue()))
			.map(Map.Entry::getKey)
			.findFirst()
			.orElse(target);
	}

	/** A corrected value in canonical form: ISO dates, lists split on ";"; anything invalid is refused. */
	public static Object canonicalValue(String field, String value) {
		if (value == null || value.isBlank()) {
			throw new IntakeRejected("missing_value", "A correction needs a value");
		}
		return convert(field, value, ";", null, field, 1);
	}

	private static Object convert(String target, Object raw, String separator, String dateFormat, String column,
			int index) {
		if (LIST_FIELDS.contains(target)) {
			List<String> items = raw instanceof List<?> list ? list.stream().map(String::valueOf).toList()
					: Arrays.asList(((String) raw).split(java.util.regex.Pattern.quote(separator)));
			return items.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
		}
		if (!(raw instanceof String text)) {
			throw new IntakeRejected("invalid_value", "Record " + index + ": column '" + column + "' must be a single value");
		}
		if (DATE_FIELDS.contains(target)) {
			return parseDate(text.trim(), dateFormat, column, index).toString();
		}
		return text.trim();
	}

	private static LocalDate parseDate(String text, String dateFormat, String column, int index) {
		try {
			return dateFormat == null ? LocalDate.parse(text)
					: LocalDate.parse(text, DateTimeFormatter.ofPattern(dateFormat, Locale.UK));
		}
		catch (DateTimeParseException ex) {
			throw new IntakeRejected("invalid_date", "Record " + index + ": column '" + column + "' is not a date in "
					+ (dateFormat == null ? "yyyy-MM-dd" : dateFormat));
		}
	}

	@SuppressWarnings("unchecked")
	private static Consent toConsent(Map<String, Object> consent) {
		return new Consent((List<String>) consent.get("purposes"), (List<String>) consent.get("organisations"),
				(String) consent.get("method"), date(consent.get("obtained_on")), date(consent.get("withdrawn_on")),
				date(consent.get("valid_until")), (String) consent.get("state"), (String) consent.get("recorded_by"),
				(List<String>) consent.get("fields"));
	}

	private static LocalDate date(Object iso) {
		return iso == null ? null : LocalDate.parse((String) iso);
	}

	private static boolean isBlank(Object value) {
		return value == null || (value instanceof String s && s.isBlank())
				|| (value instanceof List<?> list && list.isEmpty());
	}

}
