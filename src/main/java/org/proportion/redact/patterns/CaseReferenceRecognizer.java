package org.proportion.redact.patterns;

import java.util.List;

import org.proportion.redact.EntityType;
import org.proportion.redact.Evidence;
import org.proportion.redact.RecognizerSetup;

/**
 * Case references other agencies give a person: a probation case reference number (CRN, a letter
 * and six digits), police crime and incident references ("14/12345/24", "CRI/01234/24",
 * "incident 123 of 14/03"), and housing and benefit claim references. None has a public check,
 * so the weak shapes count only with a context word before them ("crime ref", "HB claim", "CRN").
 */
public final class CaseReferenceRecognizer extends PatternRecognizer {

	public static final PatternSettings DEFAULTS = PatternSettings.defaults("crn", "case ref", "case reference",
			"case number", "crime ref", "crime reference", "crime number", "crime no", "incident", "incident number",
			"log", "log number", "cad", "occurrence", "urn", "ref", "ref no", "reference", "claim", "claim ref",
			"claim number", "claim reference", "hb", "hb ref", "housing benefit", "uc", "universal credit", "pip", "esa",
			"dwp", "housing register", "register number", "tenancy ref", "rent account", "council tax", "delius", "ndelius",
			"oasys", "probation");

	private static final List<NamedPattern> PATTERNS = List.of(
			// nDelius CRN: a letter and six digits, "X123456"
			NamedPattern.of("probation_crn", "[a-z]\\d{6}", 0.45),
			// "14/12345/24", "CRI/01234/24", "NR-24-012345": force and crime references with year parts
			NamedPattern.of("police_crime_ref", "(?:[a-z]{2,4}|\\d{1,2})[/-]\\d{4,8}[/-]\\d{2}", 0.55),
			NamedPattern.of("police_ref_year_first", "\\d{2}[/-]\\d{5,8}", 0.25),
			// "incident 123 of 14/03", "log 0456 of 12th March"
			NamedPattern.of("police_log_of_date", "\\d{2,5}\\s+of\\s+\\d{1,2}(?:[/.]\\d{1,2}(?:[/.]\\d{2,4})?"
					+ "|(?:st|nd|rd|th)?\\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6})", 0.45),
			// claim, register and tenancy references: digits with optional letters, 6-14 long
			NamedPattern.of("claim_ref", "(?=[a-z]{0,4}\\d)[a-z]{0,4}\\d{5,12}[a-z]{0,2}", 0.2));

	public CaseReferenceRecognizer() {
		this(DEFAULTS);
	}

	/** As redaction/recognizers.yaml sets it up. */
	public CaseReferenceRecognizer(RecognizerSetup setup) {
		this(PatternSettings.from(setup, DEFAULTS));
	}

	public CaseReferenceRecognizer(PatternSettings settings) {
		super("case-reference", EntityType.CASE_REFERENCE, PATTERNS, null, settings, Evidence.Source.PATTERN);
	}

}
