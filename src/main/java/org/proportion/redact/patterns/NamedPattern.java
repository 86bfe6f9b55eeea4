package org.proportion.redact.patterns;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One way an identifier is written, with how sure a bare match of it is.
 *
 * @param name short id, quoted in every span's explanation (e.g. {@code nhs_spaced})
 * @param regex the compiled expression; the whole match becomes the span
 * @param score the base score of a match, before any context boost
 */
public record NamedPattern(String name, Pattern regex, double score) {

	public NamedPattern {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(regex, "regex");
		if (score < 0 || score > 1) {
			throw new IllegalArgumentException("score out of range: " + score);
		}
	}

	/**
	 * True if every match starts with a digit: the regex, after any leading look-behinds, starts
	 * with {@code \\d}. The recogniser then tries it only where a digit is, which keeps scanning
	 * fast as patterns are added.
	 */
	public boolean digitFirst() {
		String source = regex.pattern();
		int at = 0;
		while (source.startsWith("(?<", at)) {
			int depth = 0;
			int i = at;
			for (; i < source.length(); i++) {
				char c = source.charAt(i);
				if (c == '\\') {
					i++;
				}
				else if (c == '(') {
					depth++;
				}
				else if (c == ')' && --depth == 0) {
					break;
				}
			}
			at = i + 1;
		}
		return source.startsWith("\\d", at);
	}

	/** Compiles {@code regex} case-insensitively, as every pattern in this package is. */
	public static NamedPattern of(String name, String regex, double score) {
		return new NamedPattern(name, Pattern.compile(regex, Pattern.CASE_INSENSITIVE), score);
	}

}
