package org.proportion.redact.patterns;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.proportion.redact.EntityType;
import org.proportion.redact.ScanContext;
import org.proportion.redact.Span;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.proportion.redact.patterns.Finds.onlySpan;
import static org.proportion.redact.patterns.Finds.surfaces;

/** The behaviour every pattern recogniser shares, shown on a made-up case reference "AB1234". */
class PatternRecognizerTests {

	static final List<NamedPattern> PATTERNS = List.of(NamedPattern.of("ref_long", "[A-Z]{2}\\d{4}", 0.5),
			NamedPattern.of("ref_short", "[A-Z]{2}\\d{2}", 0.2));

	// A reference never starts with the digit 0.
	static final PatternValidator NO_LEADING_ZERO = new PatternValidator("no leading zero",
			ref -> ref.charAt(2) != '0');

	static PatternRecognizer references(List<String> contextWords, double boost, double minScore) {
		return new PatternRecognizer("case-ref", EntityType.ORGANIZATION, PATTERNS, NO_LEADING_ZERO,
				new PatternSettings(contextWords, boost, minScore));
	}

	final PatternRecognizer refs = references(List.of("ref", "ref no", "ni"), 0.15, 0.3);

	@Test
	void aMatchIsFoundWithItsPatternScoreAndExplanation() {
		Span span = onlySpan(refs, "Opened case AB1234 today.", "AB1234");
		assertThat(span.score()).isEqualTo(0.5);
		assertThat(span.type()).isEqualTo(EntityType.ORGANIZATION);
		assertThat(span.explanation()).isEqualTo("pattern ref_long; no leading zero");
	}

	@Test
	void patternsAreCaseInsensitive() {
		onlySpan(refs, "opened case ab1234", "ab1234");
	}

	@Test
	void aMatchWithALetterOrDigitJustBeforeOrAfterIsNotFound() {
		assertThat(surfaces(refs, "XAB1234 AB12345 AB1234x")).isEmpty();
	}

	@Test
	void punctuationAroundAMatchDoesNotStopIt() {
		assertThat(surfaces(refs, "(AB1234), \"CD5678\".")).containsExactly("AB1234", "CD5678");
	}

	@Test
	void aMatchTheValidatorRejectsIsDropped() {
		assertThat(surfaces(refs, "ref AB0123")).isEmpty();
	}

	@Test
	void aContextWordBeforeTheMatchRaisesItsScoreAndIsExplained() {
		Span span = onlySpan(refs, "Ref: AB1234", "AB1234");
		assertThat(span.score()).isEqualTo(0.65);
		assertThat(span.explanation()).isEqualTo("pattern ref_long; no leading zero; context 'ref' +0.15");
	}

	@Test
	void theLongestContextWordPresentIsReported() {
		assertThat(onlySpan(refs, "Ref no. AB1234", "AB1234").explanation()).endsWith("context 'ref no' +0.15");
	}

	@Test
	void aContextWordAfterTheMatchDoesNotCount() {
		assertThat(onlySpan(refs, "AB1234 is the ref", "AB1234").score()).isEqualTo(0.5);
	}

	@Test
	void aContextWordOutsideTheWindowDoesNotCount() {
		String note = "ref " + "x".repeat(PatternRecognizer.CONTEXT_WINDOW) + " AB1234";
		assertThat(onlySpan(refs, note, "AB1234").score()).isEqualTo(0.5);
	}

	@Test
	void aContextWordInsideALongerWordDoesNotCount() {
		assertThat(onlySpan(refs, "Nick gave reference AB1234", "AB1234").score()).isEqualTo(0.5);
	}

	@Test
	void theBoostIsCappedAtOne() {
		PatternRecognizer generous = references(List.of("ref"), 0.9, 0.3);
		assertThat(onlySpan(generous, "ref AB1234", "AB1234").score()).isEqualTo(1.0);
	}

	@Test
	void aWeakMatchBelowTheMinimumIsKeptOnlyWithAContextWord() {
		assertThat(surfaces(refs, "Seen at AB12 today")).isEmpty();
		Span span = onlySpan(refs, "Seen under ref AB12 today", "AB12");
		assertThat(span.score()).isEqualTo(0.35);
		assertThat(span.explanation()).isEqualTo("pattern ref_short; no leading zero; context 'ref' +0.15");
	}

	@Test
	void theMinimumScoreIsASetting() {
		assertThat(surfaces(references(List.of(), 0.15, 0.6), "AB1234")).isEmpty();
		assertThat(surfaces(references(List.of(), 0.15, 0.1), "AB12")).containsExactly("AB12");
	}

	@Test
	void contextWordsAreASetting() {
		PatternRecognizer custom = references(List.of("case"), 0.15, 0.3);
		assertThat(onlySpan(custom, "Case AB1234", "AB1234").explanation()).endsWith("context 'case' +0.15");
		assertThat(onlySpan(custom, "Ref AB1234", "AB1234").score()).isEqualTo(0.5);
	}

	@Test
	void aRecogniserWithoutAValidatorSaysNothingAboutOne() {
		PatternRecognizer unchecked = new PatternRecognizer("case-ref", EntityType.ORGANIZATION, PATTERNS, null,
				PatternSettings.defaults());
		assertThat(onlySpan(unchecked, "AB0123", "AB0123").explanation()).isEqualTo("pattern ref_long");
	}

	@Test
	void ofOverlappingMatchesTheLongestIsKeptEvenOverAHigherScore() {
		PatternRecognizer overlapping = new PatternRecognizer("case-ref", EntityType.ORGANIZATION,
				List.of(NamedPattern.of("number_and_letter", "\\d{4} [A-Z]", 0.9),
						NamedPattern.of("ref_spaced", "[A-Z]{2} \\d{4}", 0.4)),
				null, PatternSettings.defaults());
		Span span = onlySpan(overlapping, "File AB 1234 C", "AB 1234");
		assertThat(span.explanation()).isEqualTo("pattern ref_spaced");
	}

	@Test
	void ofOverlappingMatchesOfEqualLengthTheHigherScoreIsKept() {
		PatternRecognizer overlapping = new PatternRecognizer("case-ref", EntityType.ORGANIZATION,
				List.of(NamedPattern.of("letters_first", "[A-Z]{2} \\d{2}", 0.4),
						NamedPattern.of("digits_first", "\\d{2} [A-Z]{2}", 0.7)),
				null, PatternSettings.defaults());
		Span span = onlySpan(overlapping, "File AB 12 CD", "12 CD");
		assertThat(span.explanation()).isEqualTo("pattern digits_first");
	}

	@Test
	void spansComeBackInTextOrderWhateverPatternFoundThem() {
		assertThat(surfaces(refs, "ref CD56 and AB1234")).containsExactly("CD56", "AB1234");
	}

	@Test
	void anEmptyTextHasNoSpans() {
		assertThat(refs.find("", ScanContext.NONE)).isEmpty();
	}

	@Test
	void oneInstanceGivesTheSameAnswersOnManyThreadsAtOnce() throws Exception {
		String note = "Ref AB1234, then CD5678 and ref EF12; XGH1234 is not one.";
		List<Span> expected = refs.find(note, ScanContext.NONE);
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Future<List<Span>>> answers = IntStream.range(0, 200)
				.mapToObj(i -> pool.submit(() -> refs.find(note, ScanContext.NONE)))
				.toList();
			for (Future<List<Span>> answer : answers) {
				assertThat(answer.get()).isEqualTo(expected);
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(expected).hasSize(3);
	}

	@Test
	void settingsOutOfRangeAreRefused() {
		assertThatThrownBy(() -> new PatternSettings(List.of(" "), 0.15, 0.3))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new PatternSettings(List.of(), 1.5, 0.3)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new PatternSettings(List.of(), 0.15, -0.1))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> NamedPattern.of("p", "x", 1.2)).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void aRecogniserNeedsAPattern() {
		assertThatThrownBy(() -> new PatternRecognizer("empty", EntityType.DATE, List.of(), null,
				PatternSettings.defaults()))
			.isInstanceOf(IllegalArgumentException.class);
	}

}
