package org.proportion.redact.patterns;

import java.util.List;

import org.proportion.redact.EntityType;
import org.proportion.redact.Evidence;
import org.proportion.redact.RecognizerSetup;

/**
 * Email addresses: dots, pluses and hyphens in the local part, any number of subdomains
 * ("j.smith+housing@council.gov.uk", "a-b@nhs.net"). A full stop or bracket after the address is
 * not part of it.
 */
public final class EmailRecognizer extends PatternRecognizer {

	public static final PatternSettings DEFAULTS = PatternSettings.defaults("email", "e-mail");

	// Runs joined by single dots, so a dot cannot start, end or double up. Every repetition is
	// bounded: "-", "+" and "_" start tokens, so an unbounded run would rescan a "-----" line from
	// each of its characters, and Java recurses once per repeated group, so a long dotted run would
	// overflow the stack. Possessive, as a run cannot contain the "." or "@" that follows it.
	private static final String LOCAL_PART = "[A-Z0-9_%+-]{1,64}+(?:\\.[A-Z0-9_%+-]{1,64}+){0,8}+";

	private static final String DOMAIN = "(?:[A-Z0-9](?:[A-Z0-9-]{0,61}[A-Z0-9])?\\.){1,10}[A-Z]{2,24}";

	private static final List<NamedPattern> PATTERNS = List.of(NamedPattern.of("email", LOCAL_PART + "@" + DOMAIN, 0.8));

	public EmailRecognizer() {
		this(DEFAULTS);
	}

	/** As redaction/recognizers.yaml sets it up. */
	public EmailRecognizer(RecognizerSetup setup) {
		this(PatternSettings.from(setup, DEFAULTS));
	}

	public EmailRecognizer(PatternSettings settings) {
		super("email", EntityType.EMAIL, PATTERNS, null, settings, Evidence.Source.VALIDATED_IDENTIFIER);
	}

}
