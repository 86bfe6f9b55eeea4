package org.proportion.ingest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import org.springframework.stereotype.Component;

/**
 * The intake route's unmarshal step, one method per branch of its choice by format: a drop's
 * bytes as raw rows (column name to value, a list for a JSON array), in the agency's own column
 * names, for the validate and map steps. Here rather than Camel's data formats because a drop
 * that cannot be read is refused with a reason that names records and columns, never values (a
 * parser's own message may quote the data), and a JSON drop with a second document after the
 * first is refused rather than half read.
 */
@Component("rawRows")
public class RawRows {

	private final CsvMapper csv = new CsvMapper().enable(CsvParser.Feature.FAIL_ON_MISSING_COLUMNS);

	private final ObjectMapper json;

	RawRows(ObjectMapper json) {
		this.json = json;
	}

	/** A CSV export with its header line. */
	public List<Map<String, Object>> csv(byte[] content) {
		CsvSchema schema = CsvSchema.emptySchema().withHeader();
		try (MappingIterator<Map<String, Object>> it = csv.readerForMapOf(Object.class).with(schema).readValues(content)) {
			return it.readAll();
		}
		catch (IOException | RuntimeException ex) {
			throw new IntakeRejected("malformed_csv", "The CSV could not be read: " + ex.getClass().getSimpleName());
		}
	}

	/**
	 * A JSON export: an array of records or {"records": [...]}; with {@code oneRecord} (a Kafka
	 * message) also one record as a bare object.
	 */
	public List<Map<String, Object>> json(byte[] content, AgencyMapping mapping, boolean oneRecord) {
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

	/** A health partner's FHIR R4 Bundle: one row per Patient, keyed by the mapping's FHIR paths. */
	public List<Map<String, Object>> fhir(byte[] content, AgencyMapping mapping) {
		return FhirBundles.rows(mapping, content);
	}

	/** Any other format: refused, naming the format (a file's extension or a content type). */
	public List<Map<String, Object>> unsupported(String format) {
		throw new IntakeRejected("unsupported_format", "Format '" + format + "' is not CSV or JSON");
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

}
