package org.proportion.redact.patterns;

import java.util.List;
import java.util.regex.Pattern;

import org.proportion.redact.EntityType;
import org.proportion.redact.Evidence;
import org.proportion.redact.RecognizerSetup;

/**
 * Full UK postcodes, any case, with or without the space ("NG7 2AB", "ng72ab"), plus GIR 0AA. The
 * expression follows the official letter rules for each position, which is what keeps "A1", "M25"
 * and "B33" (no inward code) and most ordinary tokens out.
 */
public final class PostcodeRecognizer extends PatternRecognizer {

	public static final PatternSettings DEFAULTS = PatternSettings.defaults("postcode", "post code", "address");

	// Outward code: A9, A99, AA9, AA99, A9A, AA9A, with the letters each position allows.
	private static final String OUTWARD = "[A-PR-UWYZ](?:[0-9][0-9]?|[A-HK-Y][0-9][0-9]?|[0-9][A-HJKPSTUW]"
			+ "|[A-HK-Y][0-9][ABEHMNPRVWXY])";

	// Inward code: a digit and two letters other than C I K M O V.
	private static final String INWARD = "[0-9][ABD-HJLNP-UW-Z]{2}";

	// Without the space a postcode is easier to mistake for a reference or product code.
	private static final List<NamedPattern> PATTERNS = List.of(
			NamedPattern.of("postcode_spaced", OUTWARD + " " + INWARD, 0.6),
			NamedPattern.of("postcode_unspaced", OUTWARD + INWARD, 0.35),
			NamedPattern.of("postcode_gir", "GIR ?0AA", 0.6));

	// "Block A1 2nd floor": N, D, R, S, T and H are all inward-code letters.
	private static final Pattern LOWERCASE_ORDINAL = Pattern.compile("1st|2nd|3rd|[04-9]th");

	private static final PatternValidator NOT_ORDINAL = new PatternValidator("inward code not an ordinal",
			PostcodeRecognizer::isNotAnOrdinal);

	public PostcodeRecognizer() {
		this(DEFAULTS);
	}

	/** As redaction/recognizers.yaml sets it up. */
	public PostcodeRecognizer(RecognizerSetup setup) {
		this(PatternSettings.from(setup, DEFAULTS));
	}

	public PostcodeRecognizer(PatternSettings settings) {
		super("uk-postcode", EntityType.POSTCODE, PATTERNS, NOT_ORDINAL, settings, Evidence.Source.VALIDATED_IDENTIFIER);
	}

	/**
	 * False if the inward code (the last three characters) is a lower-case ordinal such as "2nd". An
	 * upper-case "2ND" is kept: in running text ordinals are written in lower case, postcodes in upper.
	 */
	static boolean isNotAnOrdinal(String postcode) {
		return !LOWERCASE_ORDINAL.matcher(postcode.substring(postcode.length() - 3)).matches();
	}

}
