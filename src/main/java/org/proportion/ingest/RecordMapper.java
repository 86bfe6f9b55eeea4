package org.proportion.ingest;

import java.io.IOException;
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

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import org.proportion.model.CaseRecord;
import org.proportion.model.Consent;
import org.proportion.policy.PolicyVocabulary;
import org.springframework.stereotype.Component;

/**
 * Turns one agency export (CSV or JSON) into canonical case records using the agency's mapping.
 * Any problem rejects the whole drop, so a drop is stored whole or not at all.
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

	private final CsvMapper csv = new CsvMapper().enable(CsvParser.Feature.FAIL_ON_MISSING_COLUMNS);

	private final ObjectMapper json;

	private final PolicyVocabulary vocabulary;

	public RecordMapper(ObjectMapper json, PolicyVocabulary vocabulary) {
		this.json = json;
		this.vocabulary = vocabulary;
	}

	/**
	 * Formats: {@code csv}, {@code json} (an array of records or {"records": [...]}),
	 * {@code json-record} (as json, or one record as a bare object: a Kafka message) and
	 * {@code fhir} (a FHIR R4 Bundle, for an agency whose mapping says so).
	 */
	public List<CaseRecord> map(AgencyMapping mapping, String format, byte[] content) {
		String kind = format.toLowerCase(Locale.ROOT);
		if (mapping.fhir() != "fhir".equals(kind)) {
			throw new IntakeRejected("unsupported_format", mapping.fhir()
					? "Agency " + mapping.agency() + " sends FHIR R4 Bundles (application/fhir+json or *.fhir.json)"
					: "Agency " + mapping.agency() + " sends CSV or JSON, not FHIR");
		}
		List<Map<String, Object>> rows = switch (kind) {
			case "csv" -> readCsv(content);
			case "json" -> readJson(content, mapping, false);
			case "json-record" -> readJson(content, mapping, true);
			case "fhir" -> FhirBundles.rows(mapping, content);
			default -> throw new IntakeRejected("unsupported_format", "Format '" + format + "' is not CSV or JSON");
		};
		if (rows.isEmpty()) {
			throw new IntakeRejected("no_records", "The drop holds no records");
		}
		checkColumns(mapping, rows, format);
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

	private List<Map<String, Object>> readCsv(byte[] content) {
		CsvSchema schema = CsvSchema.emptySchema().withHeader();
		try (MappingIterator<Map<String, Object>> it = csv.readerForMapOf(Object.class).with(schema).readValues(content)) {
			return it.readAll();
		}
		catch (IOException | RuntimeException ex) {
			throw new IntakeRejected("malformed_csv", "The CSV could not be read: " + ex.getClass().getSimpleName());
		}
	}

	private List<Map<String, Object>> readJson(byte[] content, AgencyMapping mapping, boolean oneRecord) {
		JsonNode root;
		try {
			// {...}{...}: a second document would be dropped silently, so the whole drop is refused.
			root = json.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(content);
		}
		catch (IOException ex) {
			throw new IntakeRejected("malformed_json",
					"The JSON could not be parsed as one document (an array of records or {\"records\": [...]})");
		}
		JsonNode records = root != null && root.isObject() ? root.get("records") : root;
		if (oneRecord && records == null && root.isObject()) {
			records = json.createArrayNode().add(root);
		}
		if (records == null || !records.isArray()) {
			throw new IntakeRejected("malformed_json", "Expected an array of records or {\"records\": [...]}");
		}
		List<Map<String, Object>> rows = new ArrayList<>();
		int index = 0;
		for (JsonNode node : records) {
			index++;
			if (!node.isObject()) {
				throw new IntakeRejected("malformed_json", "Record " + index + " is not an object");
			}
			Map<String, Object> row = new LinkedHashMap<>();
			int position = 0;
			for (var it = node.fields(); it.hasNext();) {
				var entry = it.next();
				position++;
				row.put(entry.getKey(), jsonValue(entry.getValue(), columnName(mapping, entry.getKey(), position), index));
			}
			rows.add(row);
		}
		return rows;
	}

	private static Object jsonValue(JsonNode value, String column, int index) {
		if (value.isNull()) {
			return null;
		}
		if (value.isArray()) {
			List<String> items = new ArrayList<>();
			value.forEach(item -> items.add(item.asText()));
			return items;
		}
		if (value.isValueNode()) {
			return value.asText();
		}
		throw new IntakeRejected("malformed_json", "Record " + index + ": " + column + " is not a value or list");
	}

	/**
	 * A column as a reason may name it: by its name when the mapping has that name (the mapping's
	 * names are ours), otherwise by its position, because a name the mapping does not know may be a
	 * value that slipped into the header (a shifted export, a person's name as a JSON key).
	 */
	private static String columnName(AgencyMapping mapping, String column, int position) {
		return mapping.columns().containsKey(column) ? "column '" + column + "'"
				: "column " + position + " (its name is not in the mapping, so it is not shown)";
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
