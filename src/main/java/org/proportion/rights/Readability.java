package org.proportion.rights;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flesch reading ease of English text, so that the easy-read notice is checked, not assumed,
 * to be easy (the webinar: "check how readable your notice is (test, test, test!)"):
 * 206.835 - 1.015 x words per sentence - 84.6 x syllables per word. 90-100 is very easy,
 * 80-90 easy, 70-80 fairly easy, 60-70 plain English. Syllables are counted by the usual
 * vowel-group rule (a silent final e dropped, at least one a word), as most readability tools do.
 */
public final class Readability {

	private static final Pattern WORD = Pattern.compile("[A-Za-z][A-Za-z']*");

	private static final Pattern SENTENCE_END = Pattern.compile("[.!?]+(\\s|$)|\\n");

	private static final Pattern VOWELS = Pattern.compile("[aeiouy]+");

	private Readability() {
	}

	/** Words, sentences and syllables of a text, and its score. */
	public record Score(int words, int sentences, int syllables, double fleschReadingEase) {

		public double wordsPerSentence() {
			return words / (double) sentences;
		}

		public double syllablesPerWord() {
			return syllables / (double) words;
		}

	}

	public static Score flesch(String text) {
		int words = 0;
		int syllables = 0;
		Matcher w = WORD.matcher(text);
		while (w.find()) {
			words++;
			syllables += syllables(w.group());
		}
		int sentences = 0;
		for (String s : SENTENCE_END.split(text)) {
			if (WORD.matcher(s).find()) {
				sentences++;
			}
		}
		if (words == 0 || sentences == 0) {
			throw new IllegalArgumentException("No English words to measure");
		}
		double score = 206.835 - 1.015 * words / sentences - 84.6 * syllables / words;
		return new Score(words, sentences, syllables, score);
	}

	static int syllables(String word) {
		String w = word.toLowerCase(Locale.ROOT).replace("'", "");
		if (w.length() <= 3) {
			return 1;
		}
		if (w.endsWith("es") || w.endsWith("ed")) {
			if (!w.endsWith("ted") && !w.endsWith("ded") && !w.endsWith("ses") && !w.endsWith("zes")
					&& !w.endsWith("ces") && !w.endsWith("ges")) {
				w = w.substring(0, w.length() - 2);
			}
		}
		else if (w.endsWith("e") && !w.endsWith("le")) {
			w = w.substring(0, w.length() - 1);
		}
		Matcher m = VOWELS.matcher(w);
		int count = 0;
		while (m.find()) {
			count++;
		}
		return Math.max(1, count);
	}

}
