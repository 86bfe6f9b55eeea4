package org.proportion.redact;

import java.util.Map;
import java.util.function.Function;

/** Registers the pattern recognisers for UK identifiers by their configuration names. */
final class PatternRecognizerFactory {

	private PatternRecognizerFactory() {
	}

	static void register(Map<String, Function<RedactionConfig.Entry, Recognizer>> known) {
		// Filled in when the pattern recognisers land.
	}

}
