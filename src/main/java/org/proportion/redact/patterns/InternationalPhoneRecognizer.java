package org.proportion.redact.patterns;

import java.util.List;

import org.proportion.redact.EntityType;
import org.proportion.redact.Evidence;
import org.proportion.redact.RecognizerSetup;

/**
 * Phone numbers outside the UK, written with their country code: "+40 721 000 000",
 * "+48 601-234-567". The UK's own (+44) are the UK recogniser's.
 */
public final class InternationalPhoneRecognizer extends PatternRecognizer {

	public static final PatternSettings DEFAULTS = PatternSettings.defaults("tel", "phone", "mob", "mobile", "number",
			"call", "whatsapp");

	private static final List<NamedPattern> PATTERNS = List.of(NamedPattern.of("phone_international",
			"\\+(?!44)[1-9]\\d{0,2}(?:[ \\-]?\\(?\\d{1,4}\\)?){2,5}", 0.6));

	// E.164 numbers have at most 15 digits; fewer than 8 is not a phone number.
	private static final PatternValidator LENGTH = new PatternValidator("8-15 digits with country code",
			number -> digitsOf(number).length() >= 8 && digitsOf(number).length() <= 15);

	public InternationalPhoneRecognizer() {
		this(DEFAULTS);
	}

	/** As redaction/recognizers.yaml sets it up. */
	public InternationalPhoneRecognizer(RecognizerSetup setup) {
		this(PatternSettings.from(setup, DEFAULTS));
	}

	public InternationalPhoneRecognizer(PatternSettings settings) {
		super("intl-phone", EntityType.PHONE, PATTERNS, LENGTH, settings, Evidence.Source.VALIDATED_IDENTIFIER);
	}

}
