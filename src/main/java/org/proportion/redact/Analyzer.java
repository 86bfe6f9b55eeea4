package org.proportion.redact;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;


/**
 * The engine: runs every enabled recogniser over a note, drops findings below each one's
 * threshold, marks every other mention of a name already found, and resolves overlaps. It does
 * not know who will read the note. It throws rather than return a partial analysis.
 */
public class Analyzer {

	private final List<Recognizer> recognizers;

	private final Map<String, Double> thresholds;

	private final NameLists names;

	private final Map<String, Sensitivity> levels;

	// Per recogniser, the lowest threshold any level gives it: a finding under it counts nowhere.
	private final double[] lowest;

	public Analyzer(List<Recognizer> recognizers, Map<String, Double> thresholds, NameLists names) {
		this(recognizers, thresholds, names, Map.of());
	}

	/**
	 * @param levels sensitivity levels by name, besides {@value Sensitivity#STANDARD} (the thresholds
	 * as given), which is always there
	 */
	public Analyzer(List<Recognizer> recognizers, Map<String, Double> thresholds, NameLists names,
			Map<String, Sensitivity> levels) {
		if (recognizers.isEmpty()) {
			throw new IllegalStateException("No recognisers are enabled: refusing to pass text through unscanned");
		}
		this.recognizers = List.copyOf(recognizers);
		this.thresholds = Map.copyOf(thresholds);
		this.names = names;
		Map<String, Sensitivity> all = new java.util.TreeMap<>(levels);
		all.put(Sensitivity.STANDARD, all.getOrDefault(Sensitivity.STANDARD, new Sensitivity(0, Map.of())));
		this.levels = Map.copyOf(all);
		this.lowest = new double[this.recognizers.size()];
		for (int i = 0; i < lowest.length; i++) {
			String name = this.recognizers.get(i).name();
			double base = this.thresholds.getOrDefault(name, 0.5);
			lowest[i] = this.levels.values().stream().mapToDouble(l -> l.threshold(name, base)).min().orElse(base);
		}
	}

	/** The sensitivity levels a reader may be given, by name. */
	public java.util.Set<String> levels() {
		return levels.keySet();
	}

	public List<Recognizer> recognizers() {
		return recognizers;
	}

	/**
	 * Runs every recogniser once, then resolves the findings once per sensitivity level: the
	 * standard level's result is the analysis itself, the others are reached by
	 * {@link Analysis#at(String)}.
	 */
	public Analysis analyze(String text, ScanContext context) {
		List<List<Span>> byRecognizer = new ArrayList<>(recognizers.size());
		for (int i = 0; i < recognizers.size(); i++) {
			Recognizer recognizer = recognizers.get(i);
			List<Span> kept = new ArrayList<>();
			for (Span span : recognizer.find(text, context == null ? ScanContext.NONE : context)) {
				if (span.end() > text.length()) {
					throw new IllegalStateException("Recogniser " + recognizer.name() + " returned a span past the text");
				}
				if (span.score() >= lowest[i]) {
					kept.add(span);
				}
			}
			byRecognizer.add(kept);
		}
		Map<String, Analysis> others = new java.util.TreeMap<>();
		levels.forEach((level, sensitivity) -> {
			if (!level.equals(Sensitivity.STANDARD)) {
				others.put(level, resolve(text, byRecognizer, sensitivity));
			}
		});
		Analysis standard = resolve(text, byRecognizer, levels.get(Sensitivity.STANDARD));
		return new Analysis(text, standard.spans(), standard.subjectSpans(), others);
	}

	private Analysis resolve(String text, List<List<Span>> byRecognizer, Sensitivity level) {
		List<Span> found = new ArrayList<>();
		List<Span> subject = new ArrayList<>();
		for (int i = 0; i < recognizers.size(); i++) {
			String name = recognizers.get(i).name();
			double threshold = level.threshold(name, thresholds.getOrDefault(name, 0.5));
			for (Span span : byRecognizer.get(i)) {
				if (span.score() >= threshold) {
					found.add(span);
					if (span.evidence().subject() && span.type() == EntityType.PERSON) {
						subject.add(span);
					}
				}
			}
		}
		found = withoutWeakPeople(text, found.stream().map(span -> tidy(text, span)).toList());
		found.addAll(surnamesAfter(text, found));
		found.addAll(otherMentions(text, found));
		return new Analysis(text, joinTopicNeighbours(text, Overlaps.resolve(found)), subject);
	}

	// What may stand between two parts of one sensitive clause: "burglary and ABH", "breach of a CBO".
	private static final Pattern JOINER = Pattern.compile("\\s*(?:,|-|&|/|\\band\\b|\\bor\\b|\\bwith\\b|\\bfor\\b|\\bof\\b"
			+ "|\\bon\\b|\\bin\\b|\\bto\\b|\\ba\\b|\\ban\\b|\\bthe\\b|\\bhis\\b|\\bher\\b)?(?:\\s+(?:a|an|the|his|her))?\\s*");

	private static final Set<EntityType> TOPICS = Set.of(EntityType.HEALTH, EntityType.CRIMINAL, EntityType.NRP,
			EntityType.SEXUALITY);

	/**
	 * Two findings of one sensitive topic with only a joining word between them are one clause
	 * ("previous convictions for burglary and ABH"): the DPO removes the clause, not two words of it.
	 */
	private static List<Span> joinTopicNeighbours(String text, List<Span> spans) {
		List<Span> out = new ArrayList<>(spans.size());
		for (Span span : spans) {
			Span last = out.isEmpty() ? null : out.get(out.size() - 1);
			if (last != null && last.type() == span.type() && TOPICS.contains(span.type()) && span.start() - last.end() <= 12
					&& JOINER.matcher(text.substring(last.end(), span.start())).matches()) {
				out.set(out.size() - 1, last.at(last.start(), span.end()));
			}
			else {
				out.add(span);
			}
		}
		return out;
	}

	/**
	 * A person's span is the name alone: no possessive "'s" after it and no lower-case word such
	 * as "sister" before a capitalised name.
	 */
	private Span tidy(String text, Span span) {
		if (span.type() != EntityType.PERSON) {
			return span;
		}
		int start = span.start();
		int end = span.end();
		String surface = text.substring(start, end);
		if (surface.length() > 3 && (surface.endsWith("'s") || surface.endsWith("’s"))) {
			end -= 2;
		}
		List<Words.Word> words = Words.of(text.substring(start, end));
		int first = 0;
		while (first < words.size() - 1 && !words.get(first).capitalised() && words.get(first + 1).capitalised()) {
			first++;
		}
		if (first > 0) {
			start += words.get(first).start();
		}
		return start == span.start() && end == span.end() ? span : span.at(start, end);
	}

	/** "Steph Kowalska": a capitalised word right after a found name, that no list knows, is its surname. */
	private List<Span> surnamesAfter(String text, List<Span> found) {
		List<Span> spans = new ArrayList<>();
		for (Span span : found) {
			if (span.type() != EntityType.PERSON || span.score() < 0.7) {
				continue;
			}
			int at = span.end();
			if (at < text.length() && text.charAt(at) == ' ') {
				List<Words.Word> next = Words.of(text.substring(at + 1, Math.min(text.length(), at + 40)));
				if (!next.isEmpty() && next.get(0).start() == 0) {
					Words.Word word = next.get(0).bare();
					if (word.capitalised() && word.text().length() > 2 && !names.isEnglishWord(word.text())
							&& !names.isNotName(word.text())) {
						spans.add(new Span(EntityType.PERSON, span.start(), at + 1 + word.end(), span.score(), span.recognizer(),
								span.explanation() + " + surname", span.evidence().propagated()));
					}
				}
			}
		}
		return spans;
	}

	private static boolean wordChar(String text, int index) {
		return index >= 0 && index < text.length() && Character.isLetterOrDigit(text.charAt(index));
	}

	/**
	 * Drops PERSON findings whose only evidence is a capital letter: a word that is a date, a
	 * sensitive-topic term (nationalities, diagnoses), or an ordinary English word the name lists
	 * and context do not vouch for. The subject's own names and titled names always stay.
	 */
	private List<Span> withoutWeakPeople(String text, List<Span> found) {
		List<Span> kept = new ArrayList<>();
		for (Span span : found) {
			if (span.type() == EntityType.LOCATION || span.type() == EntityType.ORGANIZATION) {
				if (span.evidence().source() != Evidence.Source.MODEL || properNoun(span.text(text))) {
					kept.add(span);
				}
			}
			else if (span.type() != EntityType.PERSON || span.evidence().subject()
					|| span.evidence().cue() == Evidence.Cue.TITLE || strongPerson(text, span, found)) {
				kept.add(span);
			}
		}
		return kept;
	}

	/** A place or agency from the model needs a capitalised word that is not an ordinary word. */
	private boolean properNoun(String surface) {
		return Words.of(surface).stream().anyMatch(w -> (w.capitalised() || w.allCaps()) && !names.isEnglishWord(w.text()))
				&& !ACROSS_SENTENCES.matcher(surface).find();
	}

	private static final Pattern ACROSS_SENTENCES = Pattern.compile("\\p{L}{2,}[.!?]\\s");

	private static final Pattern SAINT_BEFORE = Pattern.compile("(?:St|St\\.|Saint) $");

	private boolean strongPerson(String text, Span span, List<Span> found) {
		if (ACROSS_SENTENCES.matcher(span.text(text)).find()) {
			return false;
		}
		// "St Mary's", "St Luke's": a saint's name is a church, a hospital or a place.
		if (SAINT_BEFORE.matcher(text.substring(Math.max(0, span.start() - 7), span.start())).find()) {
			return false;
		}
		for (Span other : found) {
			if (other != span && TOPICS_AND_DATES.contains(other.type()) && other.start() <= span.start()
					&& span.end() <= other.end()) {
				return false;
			}
		}
		List<Words.Word> words = Words.of(span.text(text));
		if (words.isEmpty() || words.stream().allMatch(w -> names.isNotName(w.bare().text()))) {
			return false;
		}
		if (words.size() > 1) {
			return words.stream().anyMatch(w -> names.isName(w.bare().text()) || !names.isEnglishWord(w.bare().text()));
		}
		String word = words.get(0).bare().text();
		if (!names.isEnglishWord(word) || (names.isName(word) && !names.isCommonWord(word))) {
			return true;
		}
		// An ordinary word: only a name list's own context rules vouch for it, never a model's guess.
		return span.evidence().source() == Evidence.Source.LEXICON && span.evidence().cue() == Evidence.Cue.CONTEXT;
	}

	private static final Set<EntityType> TOPICS_AND_DATES = Set.of(EntityType.NRP, EntityType.HEALTH,
			EntityType.CRIMINAL, EntityType.SEXUALITY, EntityType.DATE);

	/** Once a name is found in a note, its other mentions in the same note are found too. */
	private List<Span> otherMentions(String text, List<Span> found) {
		Set<String> mentions = new LinkedHashSet<>();
		for (Span span : found) {
			if (span.type() != EntityType.PERSON || span.score() < 0.75) {
				continue;
			}
			String surface = span.text(text);
			mentions.add(surface);
			for (Words.Word word : Words.of(surface)) {
				Words.Word bare = word.bare();
				if (bare.text().length() >= 3 && bare.capitalised() && !names.isNotName(bare.text())
						&& !names.isCommonWord(bare.text()) && !NameLists.isTitle(bare.text())) {
					mentions.add(bare.text());
				}
			}
		}
		List<Span> spans = new ArrayList<>();
		for (String mention : mentions) {
			for (int at = text.indexOf(mention); at >= 0; at = text.indexOf(mention, at + 1)) {
				int end = at + mention.length();
				if (!wordChar(text, at - 1) && !wordChar(text, end)) {
					spans.add(new Span(EntityType.PERSON, at, end, 0.8, "mentions", "same name found elsewhere in the note",
							Evidence.of(Evidence.Source.PROPAGATED)));
				}
			}
		}
		return spans;
	}

}
