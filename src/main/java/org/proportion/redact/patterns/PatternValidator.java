package org.proportion.redact.patterns;

import java.util.Objects;
import java.util.function.Predicate;

/**
 * A check on the matched text that the regular expression cannot express (a check digit, a date
 * that exists). A match that fails it is dropped.
 *
 * @param description what a pass means, quoted in the explanation (e.g. "mod-11 check digit valid")
 * @param test true if the matched text passes
 */
public record PatternValidator(String description, Predicate<String> test) {

	public PatternValidator {
		Objects.requireNonNull(description, "description");
		Objects.requireNonNull(test, "test");
	}

}
