package org.proportion.redact.patterns;

import java.util.List;

import org.proportion.redact.EntityType;
import org.proportion.redact.Evidence;
import org.proportion.redact.RecognizerSetup;

/**
 * Vehicle registration marks in capitals: the current form ("AB12 CDE", "AB12CDE"), whose age
 * identifier must be a real one (02 to 29 for March, 51 to 79 for September) and whose letters
 * avoid I, Q and Z where the DVLA never issues them; and the older prefix and suffix forms
 * ("A123 BCD", "ABC 123D"), which count only with a context word ("reg", "car", "van").
 */
public final class VehicleRegistrationRecognizer extends PatternRecognizer {

	public static final PatternSettings DEFAULTS = PatternSettings.defaults("reg", "registration", "vrm", "car", "van",
			"vehicle", "motorbike", "moped", "plate", "plates", "driving", "parked", "sleeping in");

	private static final List<NamedPattern> PATTERNS = List.of(
			NamedPattern.of("vrm_current", "(?-i:[A-HJ-PR-Y][A-HJ-PR-Y]\\d{2}\\s?[A-HJ-PR-Z]{3})", 0.6),
			NamedPattern.of("vrm_prefix", "(?-i:[A-HJ-NP-Y]\\d{1,3}\\s?[A-HJ-PR-Y]{3})", 0.2),
			NamedPattern.of("vrm_suffix", "(?-i:[A-HJ-PR-Y]{3}\\s?\\d{1,3}[A-HJ-NP-Y])", 0.2));

	private static final PatternValidator AGE_IDENTIFIER = new PatternValidator("age identifier valid",
			VehicleRegistrationRecognizer::isValid);

	public VehicleRegistrationRecognizer() {
		this(DEFAULTS);
	}

	/** As redaction/recognizers.yaml sets it up. */
	public VehicleRegistrationRecognizer(RecognizerSetup setup) {
		this(PatternSettings.from(setup, DEFAULTS));
	}

	public VehicleRegistrationRecognizer(PatternSettings settings) {
		super("vehicle-reg", EntityType.VEHICLE_REG, PATTERNS, AGE_IDENTIFIER, settings, Evidence.Source.VALIDATED_IDENTIFIER);
	}

	static boolean isValid(String mark) {
		String compact = mark.replace(" ", "");
		if (compact.length() == 7 && Character.isLetter(compact.charAt(0)) && Character.isLetter(compact.charAt(1))
				&& Character.isDigit(compact.charAt(2))) {
			int age = Integer.parseInt(compact.substring(2, 4));
			return (age >= 2 && age <= 29) || (age >= 51 && age <= 79);
		}
		return true;
	}

}
