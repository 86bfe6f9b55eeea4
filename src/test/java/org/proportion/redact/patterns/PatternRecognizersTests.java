package org.proportion.redact.patterns;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.proportion.redact.EntityType;
import org.proportion.redact.Recognizer;
import org.proportion.redact.ScanContext;
import org.proportion.redact.Span;

import static org.assertj.core.api.Assertions.assertThat;

class PatternRecognizersTests {

	@Test
	void allHasOneOfEachRecogniserUnderItsStableName() {
		assertThat(PatternRecognizers.all()).extracting(Recognizer::name)
			.containsExactly("nhs-number", "ni-number", "uk-postcode", "uk-phone", "email", "date", "age");
	}

	@Test
	void eachRecogniserEmitsOneTypeAndNoTwoShareIt() {
		assertThat(PatternRecognizers.all()).allSatisfy(r -> assertThat(r.entities()).hasSize(1));
		assertThat(PatternRecognizers.all()).flatExtracting(Recognizer::entities)
			.containsExactlyInAnyOrder(EntityType.NHS_NUMBER, EntityType.NI_NUMBER, EntityType.POSTCODE,
					EntityType.PHONE, EntityType.EMAIL, EntityType.DATE, EntityType.AGE);
	}

	@Test
	void togetherTheyFindEachIdentifierInANoteOnceAndOnlyAsItsOwnType() {
		String note = "Mr X, aged 34, DOB 14/05/1990, NHS no 943 476 5919, NI AB 12 34 56 C, mob 07700 900123, "
				+ "email x.y@council.gov.uk, sleeping near NG7 2AB since 3 March 2024. Room 12, paid £120 at 10:30.";
		List<String> found = PatternRecognizers.all()
			.stream()
			.flatMap(r -> r.find(note, ScanContext.NONE).stream())
			.map(span -> span.type() + " " + span.text(note))
			.toList();
		assertThat(found).containsExactlyInAnyOrder("AGE aged 34", "DATE 14/05/1990", "NHS_NUMBER 943 476 5919",
				"NI_NUMBER AB 12 34 56 C", "PHONE 07700 900123", "EMAIL x.y@council.gov.uk", "POSTCODE NG7 2AB",
				"DATE 3 March 2024");
	}

	@Test
	void everySpanIsExplained() {
		String note = "aged 34, DOB 14/05/1990, NHS no 943 476 5919";
		assertThat(PatternRecognizers.all())
			.flatExtracting(r -> r.find(note, ScanContext.NONE))
			.extracting(Span::explanation)
			.hasSize(3)
			.allSatisfy(why -> assertThat(why).startsWith("pattern "));
	}

	// Each of these took seconds, or overflowed the stack, while a pattern had an unbounded run or
	// repeated group. Measured as work, not time: the characters the recognisers read, through a
	// counter, for a run ten times longer must be about ten times as many (backtracking that runs
	// away grows with the square of the run), and only a few reads per character.
	@ParameterizedTest
	@ValueSource(strings = { "-", "_", "a.", "a+", "a-", "1/", "May " })
	void longRunsOfOneShortPieceCostWorkInStepWithTheirLength(String piece) {
		long shortRun = reads("x@" + piece.repeat(5_000 / piece.length()));
		long longRun = reads("x@" + piece.repeat(50_000 / piece.length()));
		assertThat(longRun).as("reads for a run ten times longer").isLessThan(15 * shortRun);
		assertThat(longRun / 50_000 / everyPatternRecognizer().size()).as("reads per character per recogniser")
			.isLessThan(30);
	}

	private static long reads(String text) {
		CountingText counted = new CountingText(text);
		for (PatternRecognizer recognizer : everyPatternRecognizer()) {
			assertThat(recognizer.findIn(counted)).isEmpty();
		}
		return counted.reads;
	}

	private static List<PatternRecognizer> everyPatternRecognizer() {
		List<PatternRecognizer> all = new java.util.ArrayList<>(PatternRecognizers.all());
		all.addAll(List.of(new InternationalPhoneRecognizer(), new IpAddressRecognizer(), new BankDetailsRecognizer(),
				new CaseReferenceRecognizer(), new PrisonNumberRecognizer(), new VehicleRegistrationRecognizer()));
		return all;
	}

	/** A text that counts how often a character of it is read, by the matcher or anything else. */
	private static final class CountingText implements CharSequence {

		private final String text;

		private long reads;

		CountingText(String text) {
			this.text = text;
		}

		@Override
		public int length() {
			return text.length();
		}

		@Override
		public char charAt(int index) {
			reads++;
			return text.charAt(index);
		}

		@Override
		public CharSequence subSequence(int start, int end) {
			reads += end - start;
			return text.subSequence(start, end);
		}

		@Override
		public String toString() {
			reads += text.length();
			return text;
		}

	}

}
