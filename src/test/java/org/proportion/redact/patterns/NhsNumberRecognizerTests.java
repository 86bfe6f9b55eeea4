package org.proportion.redact.patterns;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.proportion.redact.EntityType;
import org.proportion.redact.Span;

import static org.assertj.core.api.Assertions.assertThat;
import static org.proportion.redact.patterns.Finds.onlySpan;
import static org.proportion.redact.patterns.Finds.surfaces;

class NhsNumberRecognizerTests {

	final NhsNumberRecognizer nhs = new NhsNumberRecognizer();

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			GP letter gives 943 476 5919 for him.                  | 943 476 5919
			Hospital discharge ref 943-476-5919, follow up booked.  | 943-476-5919
			Registered at the practice (4010232137) last year.     | 4010232137
			A&E record 485 777 3457: attended twice this month.     | 485 777 3457
			Scottish CHI 0123456789 on the transfer form.           | 0123456789
			""")
	void nhsNumbersInEveryWrittenFormAreFound(String note, String number) {
		Span span = onlySpan(nhs, note, number);
		assertThat(span.type()).isEqualTo(EntityType.NHS_NUMBER);
	}

	@Test
	void nhsNumberWithBadCheckDigitIsNotFound() {
		assertThat(surfaces(nhs, "NHS number 943 476 5918 on the referral")).isEmpty();
	}

	@Test
	void numberWhoseCheckDigitWouldBeTenIsNotFound() {
		// 123456789 gives a check digit of 10, so no ten-digit number starting with it is valid.
		assertThat(surfaces(nhs, "NHS no 1234567890, 123 456 7891, 123-456-7899")).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "NHS no 000 000 0000", "NHS no 9999999999", "NHS no 111-111-1111" })
	void numbersOfOneRepeatedDigitAreNotFoundThoughTheyPassTheSum(String note) {
		assertThat(surfaces(nhs, note)).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "Account 19434765919 closed", "Ref NHS9434765919X", "Serial 94347659190",
			"Only 943 476 591 was legible", "Tel 07700 900123", "Landline 0161 496 0123", "Mixed 943 476-5919",
			"Paid £120 at 10:30", "Case HO-3001 in room 12" })
	void otherNumbersAreNotNhsNumbers(String note) {
		assertThat(surfaces(nhs, note)).isEmpty();
	}

	@Test
	void groupedFormsScoreAboveTenBareDigits() {
		double spaced = onlySpan(nhs, "943 476 5919", "943 476 5919").score();
		double bare = onlySpan(nhs, "9434765919", "9434765919").score();
		assertThat(spaced).isGreaterThan(bare);
	}

	@Test
	void nhsContextRaisesTheScoreAndIsExplained() {
		Span plain = onlySpan(nhs, "Letter gives 943 476 5919.", "943 476 5919");
		Span withContext = onlySpan(nhs, "NHS no: 943 476 5919.", "943 476 5919");
		assertThat(plain.score()).isEqualTo(0.5);
		assertThat(withContext.score()).isEqualTo(0.65);
		assertThat(withContext.explanation())
			.isEqualTo("pattern nhs_spaced; mod-11 check digit valid; context 'nhs no' +0.15");
		assertThat(plain.explanation()).isEqualTo("pattern nhs_spaced; mod-11 check digit valid");
	}

	@Test
	void aHashAfterNhsCountsAsContextEvenTouchingTheNumber() {
		assertThat(onlySpan(nhs, "nhs#9434765919", "9434765919").explanation()).endsWith("context 'nhs#' +0.15");
	}

	@Test
	void theFullerContextPhraseIsReported() {
		assertThat(onlySpan(nhs, "His NHS number is 943-476-5919", "943-476-5919").explanation())
			.isEqualTo("pattern nhs_dashed; mod-11 check digit valid; context 'nhs number' +0.15");
	}

	@Test
	void checkDigitRuleMatchesTheSpecification() {
		assertThat(NhsNumberRecognizer.hasValidCheckDigit("9434765919")).isTrue();
		assertThat(NhsNumberRecognizer.hasValidCheckDigit("943 476 5919")).isTrue();
		// Remainder 0 gives 11, which is written as a check digit of 0.
		assertThat(NhsNumberRecognizer.hasValidCheckDigit("4000000020")).isTrue();
		assertThat(NhsNumberRecognizer.hasValidCheckDigit("9434765910")).isFalse();
		assertThat(NhsNumberRecognizer.hasValidCheckDigit("943476591")).isFalse();
	}

	@Test
	void nameAndEntityAreStable() {
		assertThat(nhs.name()).isEqualTo("nhs-number");
		assertThat(nhs.entities()).containsExactly(EntityType.NHS_NUMBER);
	}

}
