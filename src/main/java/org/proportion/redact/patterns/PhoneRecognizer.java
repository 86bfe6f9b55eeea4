package org.proportion.redact.patterns;

import java.util.List;

import org.proportion.redact.EntityType;
import org.proportion.redact.Evidence;
import org.proportion.redact.RecognizerSetup;

/**
 * UK phone numbers, mobile and landline, in the usual groupings: "07700 900123", "0161 496 0123",
 * "(020) 7946 0958", "+44 7700 900123", "0044 20 7946 0958", "+44 (0)20 7946 0958". The validator
 * keeps to the common rule of ten digits after the trunk 0 or the +44, so ten-digit NHS numbers,
 * dates and longer digit runs are not phones.
 */
public final class PhoneRecognizer extends PatternRecognizer {

	public static final PatternSettings DEFAULTS = PatternSettings.defaults("tel", "phone", "mob", "mobile", "number",
			"call", "text");

	// Three groups: the area or mobile prefix, optionally bracketed, then two of 3-4 digits.
	private static final String GROUPS = "[ -]?\\d{3,4}[ -]?\\d{3,4}";

	private static final List<NamedPattern> PATTERNS = List.of(
			NamedPattern.of("phone_international", "(?:\\+|00)44[ -]?(?:\\(0\\)[ -]?|0)?\\d{2,4}" + GROUPS, 0.6),
			NamedPattern.of("phone_national", "(?:\\(0\\d{2,4}\\)|0\\d{2,4})" + GROUPS, 0.5));

	// UK numbers start 01, 02, 03, 05, 07, 08 or 09 after the trunk 0.
	private static final String FIRST_DIGITS = "1235789";

	private static final PatternValidator DIGIT_COUNT = new PatternValidator("UK digit count valid",
			PhoneRecognizer::hasUkDigitCount);

	public PhoneRecognizer() {
		this(DEFAULTS);
	}

	/** As redaction/recognizers.yaml sets it up. */
	public PhoneRecognizer(RecognizerSetup setup) {
		this(PatternSettings.from(setup, DEFAULTS));
	}

	public PhoneRecognizer(PatternSettings settings) {
		super("uk-phone", EntityType.PHONE, PATTERNS, DIGIT_COUNT, settings, Evidence.Source.VALIDATED_IDENTIFIER);
	}

	/**
	 * True if {@code number} has ten digits after its country code 44 and trunk 0, and the first of
	 * those ten is one UK numbers start with.
	 */
	static boolean hasUkDigitCount(String number) {
		String digits = digitsOf(number);
		String afterCountryCode = number.startsWith("+") ? digits.substring(2)
				: digits.startsWith("0044") ? digits.substring(4) : digits;
		// The trunk 0 ("07700"), which people also write after the 44 ("+44 (0)20", "+44 07700").
		String national = afterCountryCode.startsWith("0") ? afterCountryCode.substring(1) : afterCountryCode;
		return national.length() == 10 && FIRST_DIGITS.indexOf(national.charAt(0)) >= 0;
	}

}
