package org.proportion.redact;

import java.util.Map;
import java.util.function.Function;

import org.proportion.redact.patterns.AgeRecognizer;
import org.proportion.redact.patterns.DateRecognizer;
import org.proportion.redact.patterns.EmailRecognizer;
import org.proportion.redact.patterns.InternationalPhoneRecognizer;
import org.proportion.redact.patterns.NhsNumberRecognizer;
import org.proportion.redact.patterns.NiNumberRecognizer;
import org.proportion.redact.patterns.PatternRecognizer;
import org.proportion.redact.patterns.PatternSettings;
import org.proportion.redact.patterns.PhoneRecognizer;
import org.proportion.redact.patterns.PostcodeRecognizer;

/**
 * Registers the pattern recognisers for UK identifiers by their configuration names. Context
 * words in the configuration replace a recogniser's defaults; without any, its defaults stand.
 */
final class PatternRecognizerFactory {

	private PatternRecognizerFactory() {
	}

	static void register(Map<String, Function<RedactionConfig.Entry, Recognizer>> known) {
		add(known, new NhsNumberRecognizer(), NhsNumberRecognizer::new);
		add(known, new NiNumberRecognizer(), NiNumberRecognizer::new);
		add(known, new PostcodeRecognizer(), PostcodeRecognizer::new);
		add(known, new PhoneRecognizer(), PhoneRecognizer::new);
		add(known, new InternationalPhoneRecognizer(), InternationalPhoneRecognizer::new);
		add(known, new EmailRecognizer(), EmailRecognizer::new);
		add(known, new DateRecognizer(), DateRecognizer::new);
		add(known, new AgeRecognizer(), AgeRecognizer::new);
	}

	private static void add(Map<String, Function<RedactionConfig.Entry, Recognizer>> known, PatternRecognizer defaults,
			Function<PatternSettings, PatternRecognizer> withSettings) {
		known.put(defaults.name(), entry -> entry.context().isEmpty() ? defaults
				: withSettings.apply(new PatternSettings(entry.context(), PatternSettings.DEFAULT_CONTEXT_BOOST,
						PatternSettings.DEFAULT_MIN_SCORE)));
	}

}
