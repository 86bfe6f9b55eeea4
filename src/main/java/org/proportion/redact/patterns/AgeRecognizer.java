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

	// Patterns that look behind for a word first check the one character before, so that on a
	// long run of digits the costly look-behind is not tried at every position.
	private static final String UNITS = "(?:\\s*(?:%|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?(?!\\s+old)|yrs?"
			+ "|quid|pounds?|pence|p\\b|am\\b|pm\\b|mg|ml|units?|times|x\\b|[:.]\\d|/))";

	private static final String NOT_A_QUANTITY = "(?!" + UNITS + ")";

	private static final String DECADE_WORDS = "(?:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)";

	private static final String UNITS_WORDS = "(?:one|two|three|four|five|six|seven|eight|nine)";

	private static final String NUMBER_WORDS = "(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\\s-]" + UNITS_WORDS
			+ ")?|sixteen|seventeen|eighteen|nineteen|fifteen|fourteen|thirteen)";

	private static final List<NamedPattern> PATTERNS = List.of(
			NamedPattern.of("age_aged", "aged?:?\\s*\\d{1,3}", 0.6),
			NamedPattern.of("age_years_old", "\\d{1,3}(?:\\s|-)?(?:years?|yrs?)(?:\\s|-)old", 0.6),
			NamedPattern.of("age_yo", "\\d{1,3}\\s?(?:yo|y/o|y\\.o\\.?)", 0.6),
			// "3yrs" is as often how long someone has been somewhere, so it is kept but ranked low.
			NamedPattern.of("age_yrs", "\\d{1,3}yrs", 0.35),
			NamedPattern.of("age_years_of_age", "\\d{1,3}\\s+years\\s+of\\s+age", 0.6),
			NamedPattern.of("age_spaced_yrs", "\\d{1,3}\\s+yrs", 0.5),
			NamedPattern.of("age_birthday", "\\d{1,3}(?:st|nd|rd|th)\\s+birthday", 0.6),
			NamedPattern.of("age_decade", "(?:early|mid|late)[-\\s]?(?:\\d0s|" + DECADE_WORDS + ")", 0.5),
			// "in his forties", "in her late 30s"
			NamedPattern.of("age_in_decade", "in\\s+(?:his|her|their)\\s+(?:(?:early|mid|late)[-\\s]?)?(?:\\d0s|"
					+ DECADE_WORDS + ")", 0.6),
			// "aged thirty-three", "thirty-three years old", "forty-something"
			NamedPattern.of("age_words_aged", "aged?\\s+" + NUMBER_WORDS, 0.6),
			NamedPattern.of("age_words_years_old", NUMBER_WORDS + "[\\s-]+years?[\\s-]+old", 0.6),
			NamedPattern.of("age_words_something", "(?:twenty|thirty|forty|fifty|sixty|seventy)[\\s-]?something", 0.5),
			// "Male, 33", "F 41", "(M, 27)"
			NamedPattern.of("age_sex_number", "(?<=[\\s,/:\\p{L}])(?<=\\b(?:male|female|man|woman|(?-i:M|F))[,/:]?\\s{0,2})\\d{2}(?![\\d%])", 0.55),
			// "33M", "27 F": number then sex, capital letter only (33m is a distance)
			NamedPattern.of("age_number_sex", "\\d{2}\\s?(?-i:M|F)", 0.5),
			// "He is 19", "she's 20", "turned 58", "birthday today, 49": a bare number after a person's be-verb.
			NamedPattern.of("age_is_number", "(?<=\\s)(?<=\\b(?:he|she|they|who|i|client|he's|she's|he’s|she’s|they're|i'm)"
					+ "(?:\\s{1,3}(?:is|was|am|are|were|turned|turns|will\\s{1,3}be))?\\s)\\d{2}" + NOT_A_QUANTITY, 0.55),
			NamedPattern.of("age_turned", "(?<=\\s)(?<=\\b(?:turned|turns|turning|birthday(?:\\s{1,3}today)?,?|bday(?:\\s{1,3}today)?,?)\\s{1,2})\\d{1,3}"
					+ "(?!\\s*(?:st|nd|rd|th)\\b)" + NOT_A_QUANTITY, 0.55),
			// "Nadia Hussain, 32," or "Latvian, 42," in a description line: a two-digit number set off by commas after a capitalised word
			NamedPattern.of("age_listed", "(?<=\\s)(?<=\\b(?-i:\\p{Lu})[\\p{L}\\]\\)]{1,30},\\s)\\d{2}(?=\\s*(?:[,;.)]|\\n|$)|\\s[-–]\\s)", 0.5));

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
		// A number in words ("thirty-three") is one a person can be by the patterns' own list.
		return digits.isEmpty() ? !expression.isBlank() : digits.length() <= 3 && Integer.parseInt(digits) <= OLDEST;
	}

}
