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

class NiNumberRecognizerTests {

	final NiNumberRecognizer ni = new NiNumberRecognizer();

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			UC claim made using AB 12 34 56 C at the jobcentre.  | AB 12 34 56 C
			His number is ab123456c, checked with DWP.          | ab123456c
			Form shows JG103759A (from payslip).                | JG103759A
			Nino: CE 123456 A                                   | CE 123456 A
			Benefit letter quoted Ne 65 43 21 d.                | Ne 65 43 21 d
			""")
	void niNumbersSpacedOrNotInAnyCaseAreFound(String note, String number) {
		Span span = onlySpan(ni, note, number);
		assertThat(span.type()).isEqualTo(EntityType.NI_NUMBER);
	}

	@Test
	void hmrcsOwnExampleWithTheQqPrefixIsNotFound() {
		assertThat(surfaces(ni, "NI number QQ 12 34 56 C")).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "DA123456A", "FA123456A", "IA123456A", "UA123456A", "VA123456A" })
	void niNumberWithAForbiddenFirstLetterIsNotFound(String number) {
		assertThat(surfaces(ni, "NI no " + number)).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "AD123456A", "AF123456A", "AI123456A", "AO123456A", "AQ123456A", "AU123456A",
			"AV123456A" })
	void niNumberWithAForbiddenSecondLetterIsNotFound(String number) {
		assertThat(surfaces(ni, "NI no " + number)).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "BG 12 34 56 A", "GB 12 34 56 A", "KN 12 34 56 A", "NK 12 34 56 A", "NT 12 34 56 A",
			"TN 12 34 56 A", "ZZ 12 34 56 A" })
	void niNumberWithANeverIssuedPrefixIsNotFound(String number) {
		assertThat(surfaces(ni, "NI no " + number)).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "AB123456E", "AB 12 34 56", "AB12345C", "AB1234567C", "XAB123456C", "AB123456CD",
			"Case HO-3001", "Paid £120 to AB" })
	void thingsShapedAlmostLikeAnNiNumberAreNotFound(String text) {
		assertThat(surfaces(ni, "Recorded " + text + " today")).isEmpty();
	}

	@Test
	void niContextRaisesTheScoreAndIsExplained() {
		Span plain = onlySpan(ni, "Recorded AB 12 34 56 C", "AB 12 34 56 C");
		Span withContext = onlySpan(ni, "National Insurance: AB 12 34 56 C", "AB 12 34 56 C");
		assertThat(plain.score()).isEqualTo(0.6);
		assertThat(withContext.score()).isEqualTo(0.75);
		assertThat(plain.explanation()).isEqualTo("pattern ni_number; NI prefix valid");
		assertThat(withContext.explanation())
			.isEqualTo("pattern ni_number; NI prefix valid; context 'national insurance' +0.15");
	}

	@Test
	void niInsideANameIsNotContext() {
		assertThat(onlySpan(ni, "Nick gave AB 12 34 56 C", "AB 12 34 56 C").score()).isEqualTo(0.6);
	}

	@Test
	void prefixRulesMatchHmrcs() {
		assertThat(NiNumberRecognizer.hasValidPrefix("OA123456A")).as("O may come first").isTrue();
		assertThat(NiNumberRecognizer.hasValidPrefix("ao123456a")).as("but not second").isFalse();
		assertThat(NiNumberRecognizer.hasValidPrefix("tn123456a")).isFalse();
	}

	@Test
	void nameAndEntityAreStable() {
		assertThat(ni.name()).isEqualTo("ni-number");
		assertThat(ni.entities()).containsExactly(EntityType.NI_NUMBER);
	}

}
