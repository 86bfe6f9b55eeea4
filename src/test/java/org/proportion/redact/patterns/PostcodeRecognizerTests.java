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

class PostcodeRecognizerTests {

	final PostcodeRecognizer postcodes = new PostcodeRecognizer();

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			Found sleeping in a doorway near NG7 2AB overnight.     | NG7 2AB
			Sofa surfing at his sister's, SW1A 1AA.                 | SW1A 1AA
			Hostel place offered (M1 1AE) from Monday.              | M1 1AE
			Last settled address B33 8TH; tenancy ended.           | B33 8TH
			Moved to CR2 6XH with a friend.                         | CR2 6XH
			Letters go to DN55 1PT until further notice.            | DN55 1PT
			Day centre at EC1A 1BB, drop-in Tuesdays.               | EC1A 1BB
			Outreach met her by W1A 0AX.                            | W1A 0AX
			she said it was ng7 2ab i think                         | ng7 2ab
			Post office at GIR 0AA.                                 | GIR 0AA
			""")
	void fullPostcodesInEveryOutwardFormAreFound(String note, String postcode) {
		Span span = onlySpan(postcodes, note, postcode);
		assertThat(span.type()).isEqualTo(EntityType.POSTCODE);
		assertThat(span.explanation()).startsWith("pattern postcode_");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			Texted his postcode as ng72ab.   | ng72ab
			Address on file: SW1A1AA         | SW1A1AA
			""")
	void postcodesWithoutTheSpaceAreFound(String note, String postcode) {
		assertThat(onlySpan(postcodes, note, postcode).explanation()).startsWith("pattern postcode_unspaced");
	}

	@Test
	void aPostcodeWithoutTheSpaceScoresLowerThanOneWithIt() {
		double spaced = onlySpan(postcodes, "Seen at NG7 2AB", "NG7 2AB").score();
		double unspaced = onlySpan(postcodes, "Seen at ng72ab", "ng72ab").score();
		assertThat(unspaced).isLessThan(spaced);
	}

	@ParameterizedTest
	@ValueSource(strings = { "Take the A1 north", "Grade B2 pass", "Stuck on the M25 again", "Room 12 is free",
			"Flat 4, block B33", "Case HO-3001", "Paid £120", "Bus 36 at 10:30", "Ref AB12CD" })
	void ordinaryWordsAndNumbersAreNotPostcodes(String note) {
		assertThat(surfaces(postcodes, note)).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "NG7 2CB", "NG7 2AI", "NG7 2AK", "NG7 2AM", "NG7 2OA", "NG7 2AV" })
	void anInwardCodeWithAnExcludedLetterIsNotAPostcode(String text) {
		assertThat(surfaces(postcodes, "Seen at " + text)).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "QA1 1AA", "VA1 1AA", "XA1 1AA", "AI1 1AA", "AJ1 1AA", "AZ1 1AA", "W1I 1AA",
			"EC1C 1BB" })
	void anOutwardCodeBreakingThePositionRulesIsNotAPostcode(String text) {
		assertThat(surfaces(postcodes, "Seen at " + text)).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "Room on Block A1 2nd floor", "Moved from B1 3rd floor flat", "Junction M6 4th exit" })
	void aLowerCaseOrdinalAfterAShortCodeIsNotAPostcode(String note) {
		assertThat(surfaces(postcodes, note)).isEmpty();
	}

	@Test
	void anUpperCaseInwardCodeLikeAnOrdinalIsStillAPostcode() {
		onlySpan(postcodes, "Post to SE1 2ND please", "SE1 2ND");
	}

	@Test
	void aPostcodeRunIntoAWordIsNotFound() {
		assertThat(surfaces(postcodes, "codeNG7 2AB and NG7 2ABX")).isEmpty();
	}

	@Test
	void postcodeContextRaisesTheScoreAndIsExplained() {
		Span span = onlySpan(postcodes, "Postcode: ng72ab", "ng72ab");
		assertThat(span.score()).isEqualTo(0.5);
		assertThat(span.explanation())
			.isEqualTo("pattern postcode_unspaced; inward code not an ordinal; context 'postcode' +0.15");
	}

	@Test
	void nameAndEntityAreStable() {
		assertThat(postcodes.name()).isEqualTo("uk-postcode");
		assertThat(postcodes.entities()).containsExactly(EntityType.POSTCODE);
	}

}
