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

class PhoneRecognizerTests {

	final PhoneRecognizer phones = new PhoneRecognizer();

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			Left a voicemail on 07700 900123 this morning.          | 07700 900123
			New number 07700900123, old one lost.                   | 07700900123
			Reach him via his sister: 07700-900-123                 | 07700-900-123
			Friend's phone is +44 7700 900123.                      | +44 7700 900123
			Texted +447700900123 with the appointment.              | +447700900123
			Overseas SIM, dial 0044 7700 900123                     | 0044 7700 900123
			Call (07700) 900123 after 5pm.                          | (07700) 900123
			Housing office on 0161 496 0123 confirmed.              | 0161 496 0123
			Landlord called from 01632 960123 about arrears.        | 01632 960123
			Hostel desk (020) 7946 0958, ask for the manager.       | (020) 7946 0958
			Rang 020 7946 0958 twice, no answer.                    | 020 7946 0958
			Agency line +44 20 7946 0958 is staffed.                | +44 20 7946 0958
			Freephone 0800 123 4567 for debt advice.                | 0800 123 4567
			Council switchboard 0345 300 0112.                      | 0345 300 0112
			From abroad: +44 (0)20 7946 0958.                       | +44 (0)20 7946 0958
			""")
	void ukMobilesAndLandlinesInCommonFormsAreFound(String note, String number) {
		Span span = onlySpan(phones, note, number);
		assertThat(span.type()).isEqualTo(EntityType.PHONE);
	}

	@ParameterizedTest
	@ValueSource(strings = { "NHS number 943 476 5919", "NHS number 9434765919", "NHS 012 345 6789",
			"DOB 01-02-1990", "Seen 14/05/1990 at 10:30", "Paid £120", "Case HO-3001 in room 12" })
	void nhsNumbersDatesAndOtherNumbersAreNotPhones(String note) {
		assertThat(surfaces(phones, note)).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "0161 496 012", "077009001234", "07700 9001234", "+44 7700 9001234", "+44 770 090 012" })
	void numbersWithTheWrongDigitCountAreNotPhones(String number) {
		assertThat(surfaces(phones, "Tel " + number)).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "0400 123 4567", "0600 123 4567", "+44 4400 123456" })
	void numbersStartingWithAnUnusedUkRangeAreNotPhones(String number) {
		assertThat(surfaces(phones, "Tel " + number)).isEmpty();
	}

	@Test
	void aPhoneNumberInsideALongerTokenIsNotFound() {
		assertThat(surfaces(phones, "Ref X07700900123 and 07700900123456")).isEmpty();
	}

	@Test
	void phoneContextRaisesTheScoreAndIsExplained() {
		Span plain = onlySpan(phones, "Left 07700 900123", "07700 900123");
		Span withContext = onlySpan(phones, "Mobile: 07700 900123", "07700 900123");
		assertThat(plain.score()).isEqualTo(0.5);
		assertThat(withContext.score()).isEqualTo(0.65);
		assertThat(withContext.explanation())
			.isEqualTo("pattern phone_national; UK digit count valid; context 'mobile' +0.15");
	}

	@Test
	void internationalFormIsExplainedAsSuch() {
		assertThat(onlySpan(phones, "+44 7700 900123", "+44 7700 900123").explanation())
			.isEqualTo("pattern phone_international; UK digit count valid");
	}

	@Test
	void digitCountRuleCountsTenDigitsAfterTheTrunkOrCountryCode() {
		assertThat(PhoneRecognizer.hasUkDigitCount("07700 900123")).isTrue();
		assertThat(PhoneRecognizer.hasUkDigitCount("+44 (0)7700 900123")).isTrue();
		assertThat(PhoneRecognizer.hasUkDigitCount("0044 07700 900123")).isTrue();
		assertThat(PhoneRecognizer.hasUkDigitCount("0770 090 012")).isFalse();
		assertThat(PhoneRecognizer.hasUkDigitCount("+44 7700 9001234")).isFalse();
	}

	@Test
	void nameAndEntityAreStable() {
		assertThat(phones.name()).isEqualTo("uk-phone");
		assertThat(phones.entities()).containsExactly(EntityType.PHONE);
	}

}
