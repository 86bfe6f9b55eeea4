package org.proportion.redact.patterns;

import java.util.List;

import org.proportion.redact.EntityType;
import org.proportion.redact.Evidence;
import org.proportion.redact.RecognizerSetup;

/**
 * Prison numbers ("A1234BC", the NOMIS form: a letter, four digits, two letters) and Police
 * National Computer ids ("04/123456X", "2004/0123456X") whose check letter must be right: the two
 * digits of the year and the serial padded to seven digits, modulus 23, as a letter (0 is Z, then
 * A to Y without I, O and S).
 */
public final class PrisonNumberRecognizer extends PatternRecognizer {

	public static final PatternSettings DEFAULTS = PatternSettings.defaults("prison number", "prison no", "prisoner number",
			"noms", "nomis", "pnc", "pnc id", "pnc no", "booking number", "inmate");

	private static final String CHECK_LETTERS = "ZABCDEFGHJKLMNPQRTUVWXY";

	private static final List<NamedPattern> PATTERNS = List.of(
			NamedPattern.of("prison_number", "[a-z]\\d{4}[a-z]{2}", 0.6),
			NamedPattern.of("pnc_id", "(?:19|20)?\\d{2}/\\d{1,7}[a-z]", 0.6));

	private static final PatternValidator VALID = new PatternValidator("prison number shape or PNC check letter valid",
			PrisonNumberRecognizer::isValid);

	public PrisonNumberRecognizer() {
		this(DEFAULTS);
	}

	/** As redaction/recognizers.yaml sets it up. */
	public PrisonNumberRecognizer(RecognizerSetup setup) {
		this(PatternSettings.from(setup, DEFAULTS));
	}

	public PrisonNumberRecognizer(PatternSettings settings) {
		super("prison-number", EntityType.PRISON_NUMBER, PATTERNS, VALID, settings, Evidence.Source.VALIDATED_IDENTIFIER);
	}

	static boolean isValid(String id) {
		int slash = id.indexOf('/');
		if (slash < 0) {
			return true;
		}
		String year = id.substring(0, slash);
		String serial = id.substring(slash + 1, id.length() - 1);
		long value = Long.parseLong(year.substring(year.length() - 2) + "0".repeat(7 - serial.length()) + serial);
		return Character.toUpperCase(id.charAt(id.length() - 1)) == CHECK_LETTERS.charAt((int) (value % 23));
	}

}
