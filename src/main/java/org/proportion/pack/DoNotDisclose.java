package org.proportion.pack;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.proportion.model.CaseRecord;

/**
 * Values the originating agency marked never to leave it (a survivor's refuge address, a new
 * name). The policy withholds the fields themselves from every other organisation; this takes the
 * same values out of the notes, for every reader, wherever the redaction engine did not already,
 * as the same neutral "[removed]" any other withheld detail gets.
 */
final class DoNotDisclose {

	static final String MARKER = "[removed]";

	private DoNotDisclose() {
	}

	/** The marked fields' values in the record, longest first, parts of addresses included. */
	static List<String> values(Map<String, Object> fields) {
		List<String> values = new ArrayList<>();
		if (fields.get(CaseRecord.DO_NOT_DISCLOSE) instanceof List<?> marked) {
			for (Object field : marked) {
				Object value = fields.get(String.valueOf(field));
				List<?> items = value instanceof List<?> list ? list : value == null ? List.of() : List.of(value);
				for (Object item : items) {
					String text = String.valueOf(item).strip();
					addWithParts(text, values);
				}
			}
		}
		values.sort(Comparator.comparingInt(String::length).reversed());
		return values;
	}

	// "Flat 2, 14 Mill Road, Northgate": the whole, and each comma-separated part long enough to
	// identify (a street, a building), so a note that names only the street loses it too.
	private static void addWithParts(String text, List<String> into) {
		if (text.length() >= 3) {
			into.add(text);
		}
		if (text.contains(",")) {
			for (String part : text.split(",")) {
				String trimmed = part.strip();
				if (trimmed.length() >= 6) {
					into.add(trimmed);
				}
			}
		}
	}

	/** The text with every marked value (any case, any spacing) replaced by the neutral marker. */
	static String scrub(String text, List<String> values) {
		String result = text;
		for (String value : values) {
			String pattern = "(?<![\\p{L}\\p{N}])" + Pattern.quote(value.toLowerCase(Locale.ROOT)).replace(" ", "\\E\\s+\\Q")
					+ "(?![\\p{L}\\p{N}])";
			Matcher m = Pattern.compile(pattern, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE).matcher(result);
			result = m.replaceAll(Matcher.quoteReplacement(MARKER));
		}
		return result;
	}

}
