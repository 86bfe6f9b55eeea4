package org.proportion.redact.patterns;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.proportion.redact.EntityType;
import org.proportion.redact.Evidence;
import org.proportion.redact.RecognizerSetup;

/**
 * National Insurance numbers: two prefix letters, six digits, a suffix letter A-D, any case, with or
 * without spaces between the pairs ("AB 12 34 56 C", "ab123456c"). The prefix rules are in the
 * validator rather than the expression so that a rejected prefix is easy to see and test.
 */
public final class NiNumberRecognizer extends PatternRecognizer {

	public static final PatternSettings DEFAULTS = PatternSettings.defaults("ni", "ni no", "national insurance",
			"nino");

	private static final List<NamedPattern> PATTERNS = List
		.of(NamedPattern.of("ni_number", "[A-Z]{2} ?\\d{2} ?\\d{2} ?\\d{2} ?[A-D]", 0.6));

	private static final PatternValidator PREFIX = new PatternValidator("NI prefix valid",
			NiNumberRecognizer::hasValidPrefix);

	private static final String NEVER_FIRST = "DFIQUV";

	private static final String NEVER_SECOND = "DFIOQUV";

	private static final Set<String> NEVER_ISSUED = Set.of("BG", "GB", "KN", "NK", "NT", "TN", "ZZ");

	public NiNumberRecognizer() {
		this(DEFAULTS);
	}

	/** As redaction/recognizers.yaml sets it up. */
	public NiNumberRecognizer(RecognizerSetup setup) {
		this(PatternSettings.from(setup, DEFAULTS));
	}

	public NiNumberRecognizer(PatternSettings settings) {
		super("ni-number", EntityType.NI_NUMBER, PATTERNS, PREFIX, settings, Evidence.Source.VALIDATED_IDENTIFIER);
	}

	/**
	 * True if the first two letters of {@code number} can start a real NI number. "QQ", the prefix of
	 * HMRC's own example "QQ 12 34 56 C", fails: Q is never a first letter.
	 */
	static boolean hasValidPrefix(String number) {
		String prefix = number.substring(0, 2).toUpperCase(Locale.ROOT);
		return NEVER_FIRST.indexOf(prefix.charAt(0)) < 0 && NEVER_SECOND.indexOf(prefix.charAt(1)) < 0
				&& !NEVER_ISSUED.contains(prefix);
	}

}
