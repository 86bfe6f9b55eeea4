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

	/** Compiles {@code regex} case-insensitively, as every pattern in this package is. */
	public static NamedPattern of(String name, String regex, double score) {
		return new NamedPattern(name, Pattern.compile(regex, Pattern.CASE_INSENSITIVE), score);
	}

}
