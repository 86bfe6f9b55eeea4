package org.proportion.ingest;

import java.util.List;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Says where a JSON body went wrong (the field's path, or the line and column) so a caller can
 * fix it. Jackson's own messages quote the offending value, which may be a name or a date of
 * birth, so they are never passed on: only positions, field names and expected types are.
 */
public final class JsonFaults {

	private JsonFaults() {
	}

	/** The machine-readable code: the body is not JSON at all, or a field could not be read. */
	public static String code(JsonProcessingException ex) {
		return ex instanceof JsonMappingException mapping && !path(mapping).isEmpty() ? "invalid_field" : "malformed_json";
	}

	/** The path of the field that could not be read, as {@code attendees[0].startsAt}; empty at the top. */
	public static String path(JsonMappingException ex) {
		StringBuilder path = new StringBuilder();
		List<JsonMappingException.Reference> references = ex.getPath();
		for (JsonMappingException.Reference reference : references) {
			if (reference.getFieldName() != null) {
				if (!path.isEmpty()) {
					path.append('.');
				}
				path.append(reference.getFieldName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.toString();
	}

	/** One sentence naming where the body is wrong and what was expected, without its values. */
	public static String describe(JsonProcessingException ex) {
		if (ex instanceof JsonMappingException mapping && !path(mapping).isEmpty()) {
			String field = path(mapping);
			if (ex instanceof UnrecognizedPropertyException) {
				return "Field " + field + " is not one this API takes";
			}
			if (ex instanceof InvalidFormatException || ex instanceof MismatchedInputException) {
				Class<?> target = ((MismatchedInputException) ex).getTargetType();
				return "Field " + field + " could not be read" + (target == null ? "" : ": expected " + expected(target));
			}
			return "Field " + field + " could not be read";
		}
		JsonLocation at = ex.getLocation();
		return "The body is not valid JSON"
				+ (at == null || at.getLineNr() < 0 ? "" : ": it breaks at line " + at.getLineNr() + ", column " + at.getColumnNr());
	}

	private static String expected(Class<?> type) {
		return switch (type.getSimpleName()) {
			case "LocalDateTime" -> "a date and time such as 2026-12-08T10:00";
			case "LocalDate" -> "a date such as 2026-12-08";
			case "Integer", "int", "Long", "long" -> "a whole number";
			case "List", "ArrayList" -> "a list";
			case "Map", "LinkedHashMap" -> "an object";
			case "String" -> "text";
			default -> "a " + type.getSimpleName();
		};
	}

}
