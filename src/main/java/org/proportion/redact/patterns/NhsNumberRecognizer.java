package org.proportion.redact.patterns;

import java.util.List;

import org.proportion.redact.EntityType;
import org.proportion.redact.Evidence;
import org.proportion.redact.RecognizerSetup;

/**
 * NHS numbers: ten digits, the last a mod-11 check digit, written "943 476 5919", "943-476-5919" or
 * "9434765919". Scottish CHI numbers share the format and are found too.
 */
public final class NhsNumberRecognizer extends PatternRecognizer {

	public static final PatternSettings DEFAULTS = PatternSettings.defaults("nhs", "nhs no", "nhs number", "nhs#");

	// Grouped forms are almost always NHS numbers; ten bare digits are more often something else.
	private static final List<NamedPattern> PATTERNS = List.of(
			NamedPattern.of("nhs_spaced", "\\d{3} \\d{3} \\d{4}", 0.5),
			NamedPattern.of("nhs_dashed", "\\d{3}-\\d{3}-\\d{4}", 0.5),
			NamedPattern.of("nhs_plain", "\\d{10}", 0.4));

	private static final PatternValidator CHECK_DIGIT = new PatternValidator("mod-11 check digit valid",
			NhsNumberRecognizer::hasValidCheckDigit);

	public NhsNumberRecognizer() {
		this(DEFAULTS);
	}

	/** As redaction/recognizers.yaml sets it up. */
	public NhsNumberRecognizer(RecognizerSetup setup) {
		this(PatternSettings.from(setup, DEFAULTS));
	}

	public NhsNumberRecognizer(PatternSettings settings) {
		super("nhs-number", EntityType.NHS_NUMBER, PATTERNS, CHECK_DIGIT, settings, Evidence.Source.VALIDATED_IDENTIFIER);
	}

	/**
	 * True if the ten digits in {@code number} end in their mod-11 check digit: weights 10 down to 2
	 * on the first nine, check = 11 - (sum mod 11), where 11 means 0 and 10 means no valid number.
	 * Numbers of one repeated digit pass that sum but are never issued, so they are rejected.
	 */
	static boolean hasValidCheckDigit(String number) {
		String digits = digitsOf(number);
		if (digits.length() != 10 || digits.chars().distinct().count() == 1) {
			return false;
		}
		int sum = 0;
		for (int i = 0; i < 9; i++) {
			sum += (digits.charAt(i) - '0') * (10 - i);
		}
		int check = 11 - sum % 11;
		if (check == 11) {
			check = 0;
		}
		return check != 10 && check == digits.charAt(9) - '0';
	}

}
