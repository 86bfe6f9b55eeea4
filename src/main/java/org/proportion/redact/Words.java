package org.proportion.redact;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Word tokens with their offsets, and case- and accent-folding that keeps offsets intact. */
public final class Words {

	/** A word: letters, with inner apostrophes and hyphens (O'Brien, Smith-Jones, Kasia's). */
	private static final Pattern WORD = Pattern.compile("\\p{L}[\\p{L}\\p{M}]*(?:['’\\-]\\p{L}[\\p{L}\\p{M}]*)*");

	private Words() {
	}

	public record Word(String text, int start, int end) {

		/** The word without a possessive 's. */
		public Word bare() {
			String lower = text.toLowerCase(Locale.ROOT);
			if (text.length() > 3 && (lower.endsWith("'s") || lower.endsWith("’s"))) {
				return new Word(text.substring(0, text.length() - 2), start, end - 2);
			}
			return this;
		}

		public boolean capitalised() {
			return Character.isUpperCase(text.charAt(0));
		}

		public boolean allCaps() {
			return text.length() > 1 && text.equals(text.toUpperCase(Locale.ROOT)) && !text.equals(text.toLowerCase(Locale.ROOT));
		}

	}

	public static List<Word> of(String text) {
		List<Word> words = new ArrayList<>();
		Matcher m = WORD.matcher(text);
		while (m.find()) {
			words.add(new Word(m.group(), m.start(), m.end()));
		}
		return words;
	}

	/**
	 * Lower case without accents, one character for one character, so offsets in the folded text
	 * are offsets in the original: Łukasz and Lukasz, ZOË and zoe fold alike.
	 */
	public static String fold(String text) {
		char[] out = new char[text.length()];
		for (int i = 0; i < text.length(); i++) {
			out[i] = foldChar(text.charAt(i));
		}
		return new String(out);
	}

	static char foldChar(char c) {
		if (c < 128) {
			return Character.toLowerCase(c);
		}
		switch (c) {
			case 'ł', 'Ł' -> {
				return 'l';
			}
			case 'ø', 'Ø' -> {
				return 'o';
			}
			case 'đ', 'Đ' -> {
				return 'd';
			}
			case 'ı' -> {
				return 'i';
			}
			case '’' -> {
				return '\'';
			}
			default -> {
				String decomposed = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD);
				return Character.toLowerCase(decomposed.charAt(0));
			}
		}
	}

}
