package org.proportion.redact.patterns;

import java.util.List;

/** One of each pattern recogniser with its default settings, for the engine to register. */
public final class PatternRecognizers {

	private PatternRecognizers() {
	}

	public static List<PatternRecognizer> all() {
		return List.of(new NhsNumberRecognizer(), new NiNumberRecognizer(), new PostcodeRecognizer(),
				new PhoneRecognizer(), new EmailRecognizer(), new DateRecognizer(), new AgeRecognizer());
	}

}
