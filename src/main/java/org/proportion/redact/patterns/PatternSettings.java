package org.proportion.redact.patterns;

import java.util.List;

import org.proportion.redact.RecognizerSetup;

/**
 * The tunable part of a pattern recogniser, kept apart from its patterns so that configuration can
 * set it.
 *
 * @param contextWords words or phrases that, found (case-insensitively, as whole words) shortly
 *        before a match, make it more likely to be real: "nhs no" before ten digits
 * @param contextBoost added to a match's score when a context word is found; the sum is capped at 1.0
 * @param minScore matches scoring below this, after any boost, are dropped
 */
public record PatternSettings(List<String> contextWords, double contextBoost, double minScore) {

	public static final double DEFAULT_CONTEXT_BOOST = 0.15;

	public static final double DEFAULT_MIN_SCORE = 0.3;

	public PatternSettings {
		contextWords = List.copyOf(contextWords);
		if (contextWords.stream().anyMatch(String::isBlank)) {
			throw new IllegalArgumentException("blank context word");
		}
		if (contextBoost < 0 || contextBoost > 1) {
			throw new IllegalArgumentException("context boost out of range: " + contextBoost);
		}
		if (minScore < 0 || minScore > 1) {
			throw new IllegalArgumentException("minimum score out of range: " + minScore);
		}
	}

	/**
	 * A recogniser's settings from its configuration entry: the entry's context words replace the
	 * defaults' when it lists any; without any, the defaults stand.
	 */
	public static PatternSettings from(RecognizerSetup setup, PatternSettings defaults) {
		List<String> context = setup.entry().context();
		return context.isEmpty() ? defaults : new PatternSettings(context, defaults.contextBoost(), defaults.minScore());
	}

	/** The default boost and threshold with these context words. */
	public static PatternSettings defaults(String... contextWords) {
		return new PatternSettings(List.of(contextWords), DEFAULT_CONTEXT_BOOST, DEFAULT_MIN_SCORE);
	}

}
