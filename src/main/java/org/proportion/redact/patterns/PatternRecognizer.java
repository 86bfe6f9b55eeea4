package org.proportion.redact.patterns;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;

import org.proportion.redact.EntityType;
import org.proportion.redact.Evidence;
import org.proportion.redact.Recognizer;
import org.proportion.redact.ScanContext;
import org.proportion.redact.Span;

/**
 * A recogniser that is data: named regular expressions with base scores, an optional validator,
 * and context words that raise the score of a match they appear shortly before.
 *
 * <p>A match counts only as a whole token: with no letter or digit just before or after it, so ten
 * digits inside "x94347659190" are not an NHS number. Patterns are tried at each token start and
 * take their preferred (greedy) match there; a shorter whole-token match from the same start is not
 * looked for, so each shorter form ("14 May" beside "14 May 1990") has a pattern of its own. Each
 * whole-token match is then scored in three steps:
 * <ol>
 * <li>if there is a validator and the match fails it, the match is dropped, whatever its pattern:
 * every validator checks something a real identifier always satisfies (a check digit, a month
 * from 1 to 12), so failing means "not one", not "less likely";
 * <li>if a context word ends within {@value #CONTEXT_WINDOW} characters before the match, the
 * context boost is added, capped at 1.0;
 * <li>if the score is still below the minimum it is dropped. Weak forms (a bare "3/22") are given a
 * base score under the minimum, so they are only kept with a context word ("since 3/22").
 * </ol>
 * Of overlapping matches (one form inside another: "May 1990" in "14 May 1990") the longest is
 * kept, then the highest scoring, then the one from the earlier pattern.
 *
 * <p>Stateless and thread-safe: patterns are compiled once; each call makes its own matchers.
 */
public class PatternRecognizer implements Recognizer {

	/** How far before a match a context word may end, in characters. */
	public static final int CONTEXT_WINDOW = 40;

	// Longest, then highest scoring; the sort is stable, so ties go to the earlier pattern.
	private static final Comparator<Span> PREFERRED = Comparator.comparingInt(Span::length)
			.thenComparingDouble(Span::score)
			.reversed();

	private final String name;

	private final EntityType entity;

	private final List<NamedPattern> patterns;

	private final PatternValidator validator;

	private final PatternSettings settings;

	private final Evidence evidence;

	// Longest first, so "nhs number" is reported rather than the "nhs" inside it.
	private final List<String> contextWords;

	/**
	 * @param validator null if the patterns need no further check
	 */
	public PatternRecognizer(String name, EntityType entity, List<NamedPattern> patterns,
			PatternValidator validator, PatternSettings settings) {
		this(name, entity, patterns, validator, settings, Evidence.Source.PATTERN);
	}

	/**
	 * @param source {@code VALIDATED_IDENTIFIER} for identifiers whose shape and check no ordinary
	 * text satisfies, so that they win any overlap; {@code PATTERN} for shapes that are a guess
	 */
	public PatternRecognizer(String name, EntityType entity, List<NamedPattern> patterns,
			PatternValidator validator, PatternSettings settings, Evidence.Source source) {
		this.evidence = Evidence.of(source);
		this.name = Objects.requireNonNull(name, "name");
		this.entity = Objects.requireNonNull(entity, "entity");
		this.patterns = List.copyOf(patterns);
		this.validator = validator;
		this.settings = Objects.requireNonNull(settings, "settings");
		this.contextWords = settings.contextWords()
			.stream()
			.sorted(Comparator.comparingInt(String::length).reversed())
			.toList();
		if (this.patterns.isEmpty()) {
			throw new IllegalArgumentException(name + " has no patterns");
		}
	}

	@Override
	public String name() {
		return name;
	}

	@Override
	public Set<EntityType> entities() {
		return Set.of(entity);
	}

	@Override
	public List<Span> find(String text, ScanContext context) {
		return findIn(text);
	}

	/**
	 * The matching itself, on any character sequence: tests read the text through a counter to
	 * prove the work grows in step with the text's length (no runaway backtracking).
	 */
	List<Span> findIn(CharSequence text) {
		List<Span> found = new ArrayList<>();
		for (NamedPattern pattern : patterns) {
			addMatches(text, pattern, found);
		}
		return withoutOverlaps(found);
	}

	private void addMatches(CharSequence text, NamedPattern pattern, List<Span> found) {
		// Transparent bounds let look-arounds see past the region, as if matching the whole text.
		Matcher match = pattern.regex().matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
		boolean digitFirst = pattern.digitFirst();
		for (int start = 0; start < text.length(); start++) {
			char first = text.charAt(start);
			// Every identifier starts with a letter, a digit, "+" or "(": on a run of "-" or "_" nothing is tried.
			if (!isTokenStart(text, start) || (digitFirst ? !Character.isDigit(first)
					: !Character.isLetterOrDigit(first) && first != '+' && first != '(')) {
				continue;
			}
			match.region(start, text.length());
			if (!match.lookingAt() || letterOrDigitAt(text, match.end())) {
				continue;
			}
			Span span = toSpan(text, match, pattern);
			if (span != null) {
				found.add(span);
				start = span.end() - 1; // as with Matcher.find, a pattern's own matches do not overlap
			}
		}
	}

	/** The span for a whole-token match, or null if the validator rejects it or it scores too low. */
	private Span toSpan(CharSequence text, Matcher match, NamedPattern pattern) {
		if (validator != null && !validator.test().test(match.group())) {
			return null;
		}
		String contextWord = contextWordBefore(text, match.start());
		double score = contextWord == null ? pattern.score() : boosted(pattern.score());
		if (score < settings.minScore()) {
			return null;
		}
		return new Span(entity, match.start(), match.end(), score, name, explain(pattern, contextWord), evidence);
	}

	/** The digits of {@code text}, in order, without anything between them. */
	protected static String digitsOf(String text) {
		StringBuilder digits = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c >= '0' && c <= '9') {
				digits.append(c);
			}
		}
		return digits.toString();
	}

	// Rounded so that 0.2 + 0.15 is 0.35, not 0.35000000000000003, in spans and comparisons.
	private double boosted(double score) {
		return Math.min(1.0, Math.round((score + settings.contextBoost()) * 1000) / 1000.0);
	}

	/** The longest context word that ends within the window before {@code matchStart}, or null. */
	private String contextWordBefore(CharSequence text, int matchStart) {
		int windowStart = Math.max(0, matchStart - CONTEXT_WINDOW);
		for (String word : contextWords) {
			for (int at = matchStart - word.length(); at >= windowStart; at--) {
				if (matchesIgnoringCase(text, at, word) && isWholeWord(text, at, word)) {
					return word;
				}
			}
		}
		return null;
	}

	// "ni" must not count inside "nick"; a word ending in a symbol ("nhs#") may touch the match.
	private static boolean isWholeWord(CharSequence text, int at, String word) {
		int end = at + word.length();
		boolean cleanStart = !Character.isLetterOrDigit(word.charAt(0)) || !letterOrDigitAt(text, at - 1);
		boolean cleanEnd = !Character.isLetterOrDigit(word.charAt(word.length() - 1)) || !letterOrDigitAt(text, end);
		return cleanStart && cleanEnd;
	}

	// Trying patterns only here, rather than letting the matcher try every position, keeps matches
	// to whole tokens and nearly halves the scanning time.
	private static boolean matchesIgnoringCase(CharSequence text, int at, String word) {
		if (at < 0 || at + word.length() > text.length()) {
			return false;
		}
		for (int i = 0; i < word.length(); i++) {
			char a = text.charAt(at + i);
			char b = word.charAt(i);
			if (a != b && Character.toLowerCase(a) != Character.toLowerCase(b)
					&& Character.toUpperCase(a) != Character.toUpperCase(b)) {
				return false;
			}
		}
		return true;
	}

	private static boolean isTokenStart(CharSequence text, int index) {
		return !letterOrDigitAt(text, index - 1);
	}

	private static boolean letterOrDigitAt(CharSequence text, int index) {
		return index >= 0 && index < text.length() && Character.isLetterOrDigit(text.charAt(index));
	}

	private String explain(NamedPattern pattern, String contextWord) {
		StringBuilder why = new StringBuilder("pattern ").append(pattern.name());
		if (validator != null) {
			why.append("; ").append(validator.description());
		}
		if (contextWord != null) {
			why.append("; context '").append(contextWord).append("' +").append(settings.contextBoost());
		}
		return why.toString();
	}

	private static List<Span> withoutOverlaps(List<Span> found) {
		if (found.size() < 2) {
			return found;
		}
		found.sort(PREFERRED);
		List<Span> kept = new ArrayList<>(found.size());
		for (Span candidate : found) {
			if (kept.stream().noneMatch(candidate::overlaps)) {
				kept.add(candidate);
			}
		}
		kept.sort(Comparator.comparingInt(Span::start));
		return kept;
	}

}
