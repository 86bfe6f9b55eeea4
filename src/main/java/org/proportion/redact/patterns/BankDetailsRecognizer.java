package org.proportion.redact.patterns;

import java.util.List;

import org.proportion.redact.EntityType;
import org.proportion.redact.Evidence;
import org.proportion.redact.RecognizerSetup;

/**
 * Bank sort codes ("12-34-56") and account numbers (eight digits), only with a context word
 * ("sort code", "account", "a/c"): bare, both look like dates and reference numbers. UK account
 * numbers have modulus checks, but their weights are per sort-code range in Vocalink's tables,
 * which the project does not hold, so none is applied; an IBAN's mod-97 check is.
 */
public final class BankDetailsRecognizer extends PatternRecognizer {

	public static final PatternSettings DEFAULTS = PatternSettings.defaults("sort code", "sortcode", "s/c", "account",
			"account number", "account no", "acc no", "acct", "a/c", "bank", "bank details", "iban", "paid into");

	private static final List<NamedPattern> PATTERNS = List.of(
			NamedPattern.of("sort_code", "\\d{2}-\\d{2}-\\d{2}(?![-/]\\d)", 0.25),
			NamedPattern.of("sort_code_spaced", "\\d{2} \\d{2} \\d{2}(?! \\d)", 0.2),
			NamedPattern.of("account_number", "\\d{8}", 0.25),
			NamedPattern.of("iban", "gb\\d{2}\\s?[a-z]{4}(?:\\s?\\d{4}){3}\\s?\\d{2}", 0.7));

	private static final PatternValidator IBAN = new PatternValidator("IBAN mod-97 valid where an IBAN",
			BankDetailsRecognizer::isValid);

	public BankDetailsRecognizer() {
		this(DEFAULTS);
	}

	/** As redaction/recognizers.yaml sets it up. */
	public BankDetailsRecognizer(RecognizerSetup setup) {
		this(PatternSettings.from(setup, DEFAULTS));
	}

	public BankDetailsRecognizer(PatternSettings settings) {
		super("bank-details", EntityType.BANK_DETAILS, PATTERNS, IBAN, settings, Evidence.Source.VALIDATED_IDENTIFIER);
	}

	static boolean isValid(String found) {
		String compact = found.replace(" ", "").toUpperCase(java.util.Locale.ROOT);
		if (!compact.startsWith("GB")) {
			return true;
		}
		String rearranged = compact.substring(4) + compact.substring(0, 4);
		int remainder = 0;
		for (int i = 0; i < rearranged.length(); i++) {
			char c = rearranged.charAt(i);
			int value = Character.isDigit(c) ? c - '0' : c - 'A' + 10;
			remainder = (value > 9 ? remainder * 100 + value : remainder * 10 + value) % 97;
		}
		return remainder == 1;
	}

}
