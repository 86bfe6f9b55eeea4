package org.proportion.redact.patterns;

import java.util.List;

import org.proportion.redact.EntityType;
import org.proportion.redact.RecognizerSetup;

/**
 * Ages written as ages: "aged 34", "age: 34", "34yo", "34 y/o", "34-year-old", "34 years old",
 * "34yrs". The span covers the whole expression. A number alone, or "(34)" after a name, is too weak
 * a sign and is not found; neither is "34 years" (more often a duration than an age).
 */
public final class AgeRecognizer extends PatternRecognizer {

	public static final PatternSettings DEFAULTS = PatternSettings.defaults();

	private static final int OLDEST = 120;

	private static final List<NamedPattern> PATTERNS = List.of(
			NamedPattern.of("age_aged", "aged?:?\\s*\\d{1,3}", 0.6),
			NamedPattern.of("age_years_old", "\\d{1,3}(?:\\s|-)?(?:years?|yrs?)(?:\\s|-)old", 0.6),
			NamedPattern.of("age_yo", "\\d{1,3}\\s?(?:yo|y/o|y\\.o\\.?)", 0.6),
			// "3yrs" is as often how long someone has been somewhere, so it is kept but ranked low.
			NamedPattern.of("age_yrs", "\\d{1,3}yrs", 0.35),
			NamedPattern.of("age_years_of_age", "\\d{1,3}\\s+years\\s+of\\s+age", 0.6),
			NamedPattern.of("age_spaced_yrs", "\\d{1,3}\\s+yrs", 0.5),
			NamedPattern.of("age_birthday", "\\d{1,3}(?:st|nd|rd|th)\\s+birthday", 0.6),
			NamedPattern.of("age_decade", "(?:early|mid|late)[-\\s]?\\d0s", 0.5));

	private static final PatternValidator RANGE = new PatternValidator("age within 0-" + OLDEST,
			AgeRecognizer::isPlausibleAge);

	public AgeRecognizer() {
		this(DEFAULTS);
	}

	/** As redaction/recognizers.yaml sets it up. */
	public AgeRecognizer(RecognizerSetup setup) {
		this(PatternSettings.from(setup, DEFAULTS));
	}

	public AgeRecognizer(PatternSettings settings) {
		super("age", EntityType.AGE, PATTERNS, RANGE, settings);
	}

	/** True if the number in {@code expression} is an age a person can be: 0 to {@value #OLDEST}. */
	static boolean isPlausibleAge(String expression) {
		String digits = digitsOf(expression);
		return !digits.isEmpty() && Integer.parseInt(digits) <= OLDEST;
	}

}
