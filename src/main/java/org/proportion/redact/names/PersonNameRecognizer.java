package org.proportion.redact.names;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.proportion.redact.EntityType;
import org.proportion.redact.Evidence;
import org.proportion.redact.NameLists;
import org.proportion.redact.Recognizer;
import org.proportion.redact.RecognizerSetup;
import org.proportion.redact.ScanContext;
import org.proportion.redact.Span;
import org.proportion.redact.Words;
import org.proportion.redact.Words.Word;

/**
 * People's names from the name lists, with the context rules workers' notes need: a title
 * makes anything after it a name; first name + surname is a name; a lone name that is also an
 * ordinary word (Will, May, Rose) is a name only with a person word or verb beside it.
 */
public class PersonNameRecognizer implements Recognizer {

	/** Words that end a name: a capitalised word before one of these is a place or an agency. */
	private static final Set<String> PLACE_WORDS = Set.of("street", "st", "road", "rd", "lane", "avenue", "close",
			"way", "park", "square", "court", "house", "centre", "center", "hostel", "hospital", "station", "team",
			"police", "council", "trust", "services", "service", "project", "gardens", "terrace", "place", "drive",
			"crescent", "hill", "green", "lodge", "medical", "surgery", "church", "school", "college", "housing");

	private final NameLists names;

	private final Set<String> before;

	private final Set<String> after;

	/** As redaction/recognizers.yaml sets it up: person words before ({@code context}) and after. */
	public PersonNameRecognizer(RecognizerSetup setup) {
		this(setup.names(), setup.entry().context(), setup.entry().contextAfter());
	}

	public PersonNameRecognizer(NameLists names, List<String> wordsBefore, List<String> wordsAfter) {
		this.names = names;
		this.before = Set.copyOf(wordsBefore.stream().map(Words::fold).toList());
		this.after = Set.copyOf(wordsAfter.stream().map(Words::fold).toList());
	}

	@Override
	public String name() {
		return "person-names";
	}

	@Override
	public Set<EntityType> entities() {
		return Set.of(EntityType.PERSON);
	}

	@Override
	public List<Span> find(String text, ScanContext context) {
		List<Word> words = Words.of(text);
		boolean shouting = shouting(text);
		List<Span> spans = new ArrayList<>();
		int i = 0;
		while (i < words.size()) {
			Word word = words.get(i).bare();
			String folded = Words.fold(word.text());
			if (NameLists.isTitle(folded) && i + 1 < words.size() && adjacent(text, words.get(i), words.get(i + 1))
					&& titledName(words.get(i + 1), word.capitalised() || shouting)) {
				int end = i + 1;
				while (end + 1 < words.size() && end - i < 3 && adjacent(text, words.get(end), words.get(end + 1))
						&& words.get(end).bare().equals(words.get(end)) && surnameLike(words.get(end + 1).bare())) {
					end++;
				}
				spans.add(span(word.start(), words.get(end).bare().end(), 0.9, "title '" + word.text() + "'", Evidence.Cue.TITLE));
				i = end + 1;
				continue;
			}
			int end = runEnd(text, words, i, shouting);
			if (end < 0) {
				i++;
				continue;
			}
			Span found = judge(text, words, i, end, shouting);
			if (found != null) {
				spans.add(found);
			}
			i = end + 1;
		}
		return spans;
	}

	/** The last word of a run of capitalised name words or initials starting at i, or -1. */
	private int runEnd(String text, List<Word> words, int i, boolean shouting) {
		if (!nameWord(words.get(i).bare()) && !initial(words.get(i))) {
			return -1;
		}
		int end = i;
		while (end + 1 < words.size() && end - i < 3 && words.get(end).capitalised()
				&& words.get(end).bare().equals(words.get(end)) && adjacent(text, words.get(end), words.get(end + 1))
				&& (capitalisedName(words.get(end + 1).bare(), shouting) || initial(words.get(end + 1))
						|| (firstName(words.get(end).text()) && surnameLike(words.get(end + 1).bare())))) {
			end++;
		}
		return end;
	}

	private Span judge(String text, List<Word> words, int start, int end, boolean shouting) {
		Word first = words.get(start).bare();
		Word last = words.get(end).bare();
		int nameWords = 0;
		for (int k = start; k <= end; k++) {
			if (nameWord(words.get(k).bare())) {
				nameWords++;
			}
		}
		boolean initialsOnly = nameWords == 0;
		if (initialsOnly) {
			return null;
		}
		if (end > start && words.get(start).capitalised()) {
			return span(first.start(), last.end(), 0.9, "name list: " + (end - start + 1) + " name words", Evidence.Cue.NONE);
		}
		if (initial(words.get(start))) {
			return null;
		}
		String word = first.text();
		boolean context = context(text, words, start, end) || words.get(end).text().length() != last.text().length();
		if (names.isCommonWord(word)) {
			// Capitalised mid-sentence, "Grace" or "Jack" is someone; at the start of a sentence it may be "Will call".
			boolean midSentence = !shouting && !sentenceStart(text, first.start());
			return (context || midSentence) && first.capitalised() ? span(first.start(), last.end(), 0.7,
					"common-word name " + (context ? "with person context" : "capitalised mid-sentence"), Evidence.Cue.CONTEXT)
					: null;
		}
		if (first.capitalised() && !shouting) {
			return span(first.start(), last.end(), context ? 0.85 : 0.75, "name list" + (context ? " + context" : ""),
					cue(context));
		}
		if (shouting) {
			return span(first.start(), last.end(), context ? 0.75 : 0.6, "name list, capitals text", cue(context));
		}
		// Lower case: only a name that is no English word, and better with context.
		return word.length() >= 3 && word.indexOf('-') < 0
				? span(first.start(), last.end(), context ? 0.7 : 0.55, "lower-case name", cue(context)) : null;
	}

	private static boolean sentenceStart(String text, int at) {
		for (int i = at - 1; i >= 0; i--) {
			char c = text.charAt(i);
			if (!Character.isWhitespace(c) && c != '"' && c != '\'' && c != '(') {
				return ".!?:;-•*>\n".indexOf(c) >= 0 || Character.isDigit(c);
			}
			if (c == '\n') {
				return true;
			}
		}
		return true;
	}

	private boolean context(String text, List<Word> words, int start, int end) {
		boolean byBefore = start > 0 && before.contains(Words.fold(words.get(start - 1).text()));
		boolean byAfter = end + 1 < words.size() && after.contains(Words.fold(words.get(end + 1).text()));
		// "Will (deputy manager)", "Jack (staff)": a bracket after a name says who they are.
		String rest = text.substring(words.get(end).end()).stripLeading();
		return byBefore || byAfter || rest.startsWith("(");
	}

	private boolean nameWord(Word word) {
		String text = word.text();
		if (text.length() < 2 || names.isNotName(text)) {
			return false;
		}
		// Kerry-Ann, Jones-Whyte: a hyphenated word is a name when its first part is.
		int hyphen = text.indexOf('-');
		return names.isName(text) || (hyphen > 1 && names.isName(text.substring(0, hyphen)));
	}

	private boolean firstName(String text) {
		int hyphen = text.indexOf('-');
		return names.isFirstName(text) || (hyphen > 1 && names.isFirstName(text.substring(0, hyphen)));
	}

	/** A capitalised word that can be a surname after a first name or title: no trade or place word. */
	private boolean surnameLike(Word word) {
		String text = word.text();
		return word.capitalised() && text.length() > 1 && !names.isNotName(text) && !PLACE_WORDS.contains(Words.fold(text))
				&& !NameLists.isTitle(text);
	}

	/** After a capitalised title any surname-like word; after "nurse" in lower case, a listed name. */
	private boolean titledName(Word next, boolean titleCapitalised) {
		return titleCapitalised ? surnameLike(next.bare()) : nameWord(next.bare());
	}

	private boolean capitalisedName(Word word, boolean shouting) {
		return nameWord(word) && (word.capitalised() || shouting);
	}

	// A single capital, as in "J. Smith" or "J Smith".
	private static boolean initial(Word word) {
		return word.text().length() == 1 && Character.isUpperCase(word.text().charAt(0));
	}

	// A full stop joins words only after an initial ("J. Smith") or a title ("Rev. Sinclair").
	private static boolean adjacent(String text, Word left, Word right) {
		String gap = text.substring(left.end(), right.start());
		return gap.equals(" ") || gap.equals("-") || ((gap.equals(". ") || gap.equals("."))
				&& (left.text().length() == 1 || NameLists.isTitle(left.text())));
	}

	private static boolean shouting(String text) {
		int upper = 0;
		int letters = 0;
		for (int k = 0; k < text.length(); k++) {
			char c = text.charAt(k);
			if (Character.isLetter(c)) {
				letters++;
				if (Character.isUpperCase(c)) {
					upper++;
				}
			}
		}
		return letters > 20 && upper > letters * 0.6;
	}

	private Span span(int start, int end, double score, String why, Evidence.Cue cue) {
		return new Span(EntityType.PERSON, start, end, score, name(), why, Evidence.of(Evidence.Source.LEXICON, cue));
	}

	private static Evidence.Cue cue(boolean context) {
		return context ? Evidence.Cue.CONTEXT : Evidence.Cue.NONE;
	}

}
