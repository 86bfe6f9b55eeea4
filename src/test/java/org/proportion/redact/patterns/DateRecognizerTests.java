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

class DateRecognizerTests {

	final DateRecognizer dates = new DateRecognizer();

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			Client states DOB 14/05/1990, no ID yet.                  | 14/05/1990
			Evicted 14/5/90 after arrears.                            | 14/5/90
			Letter dated 14.5.90 found in his bag.                    | 14.5.90
			Tenancy started 14-05-1990 per the landlord.              | 14-05-1990
			System record shows 1990-05-14.                           | 1990-05-14
			Was born 14 May 1990 in Leeds.                            | 14 May 1990
			Assessment booked for 14th May 1990.                      | 14th May 1990
			Left care on the 14th of May 1990 aged 18.                | 14th of May 1990
			she said 3rd of may 96 was when it started                | 3rd of may 96
			Hospital admission May 14th 1990, discharged later.       | May 14th 1990
			Released May 14, 1990 and went to a hostel.               | May 14, 1990
			Review meeting 14 May with the panel.                     | 14 May
			Has slept out since May 1990.                             | May 1990
			Card expired 03/2022, needs renewing.                     | 03/2022
			Seen at the day centre Tuesday 4th March.                 | Tuesday 4th March
			Seen at the day centre Tue, the 4th of March.             | Tue, the 4th of March
			Started work 14 Sept 2021 then lost the job.              | 14 Sept 2021
			Sofa surfing since Jan 2020.                              | Jan 2020
			Court letter 14-May-1990 in the file.                     | 14-May-1990
			APPOINTMENT 2 FEBRUARY 2024 AT THE JOBCENTRE              | 2 FEBRUARY 2024
			Benefits stopped 29/02/2024 without notice.               | 29/02/2024
			""")
	void datesInTheFormsPeopleWriteAreFound(String note, String date) {
		Span span = onlySpan(dates, note, date);
		assertThat(span.type()).isEqualTo(EntityType.DATE);
	}

	@Test
	void aUsOrderDateThatCannotBeDayFirstIsStillFound() {
		onlySpan(dates, "Transferred record says 05/14/1990.", "05/14/1990");
	}

	@Test
	void aFullDateIsOneSpanNotItsParts() {
		Span span = onlySpan(dates, "Born 14 May 1990.", "14 May 1990");
		assertThat(span.explanation()).startsWith("pattern date_day_month_year;");
	}

	@ParameterizedTest
	@ValueSource(strings = { "31/02/1990", "30/02/90", "29/02/2023", "14/13/1990", "00/05/1990", "32/01/1990",
			"2021-13-01", "2021-02-30", "32 May", "31st April", "0 May", "13/2022" })
	void impossibleDatesAreNotFound(String date) {
		assertThat(surfaces(dates, "Recorded " + date + " on file")).isEmpty();
	}

	@Test
	void anImpossibleDayLeavesTheRealMonthAndYearFound() {
		assertThat(surfaces(dates, "Recorded 31st April 2020 and 32 May 1990")).containsExactly("April 2020",
				"May 1990");
	}

	@ParameterizedTest
	@ValueSource(strings = { "Meeting at 10:30 with outreach.", "Back by 10.30 tonight.",
			"Has 3 children and 2 dogs.", "Lived there for 12 years.", "Moved in 1990 to the area.",
			"Paid £120 in arrears.", "Case HO-3001, room 12.", "Tel 0161 496 0123." })
	void timesBareNumbersAndOtherNumbersAreNotDates(String note) {
		assertThat(surfaces(dates, note)).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "May said she would attend.", "Spoke to May about her tenancy.", "Told May 2 times.",
			"All 3 may need support.", "Staff may 2x check.", "March 20 people out of the hostel? No." })
	void aMonthNameWithoutADayOrYearBesideItIsNotADate(String note) {
		assertThat(surfaces(dates, note)).isEmpty();
	}

	@Test
	void mayWithADayOrYearIsADate() {
		assertThat(surfaces(dates, "May came in on 14 May; May 2021 was worse."))
			.containsExactly("14 May", "May 2021");
	}

	@Test
	void aShortMonthYearLikeAScoreNeedsContext() {
		assertThat(surfaces(dates, "Pain 7/10 today, mood 3/10.")).isEmpty();
		Span span = onlySpan(dates, "Rough sleeping since 3/22.", "3/22");
		assertThat(span.score()).isEqualTo(0.35);
		assertThat(span.explanation())
			.isEqualTo("pattern date_numeric_month_short_year; day and month valid; context 'since' +0.15");
	}

	@Test
	void onTheFourthIsAWeakDateFoundWithItsContextWord() {
		Span span = onlySpan(dates, "He moved in on the 4th.", "4th");
		assertThat(span.score()).isEqualTo(0.35);
		assertThat(span.explanation()).isEqualTo("pattern date_ordinal_day; day and month valid; context 'on' +0.15");
		onlySpan(dates, "Staying there until the 21st, then the hostel.", "21st");
	}

	@Test
	void anOrdinalDayFollowedByAConnectingWordIsStillADate() {
		assertThat(surfaces(dates, "Booked on the 4th at 2pm, and from the 9th to the 12th."))
			.containsExactly("4th", "9th", "12th");
	}

	@ParameterizedTest
	@ValueSource(strings = { "He was the 4th.", "Moved on the 4th floor.", "On the 2nd attempt he engaged.",
			"Seen on the 40th.", "Arrived on the 0th." })
	void anOrdinalThatIsNotADayOfTheMonthIsNotADate(String note) {
		assertThat(surfaces(dates, note)).isEmpty();
	}

	@Test
	void aNumericDateIsNotReadFromTheMiddleOfAnImpossibleOne() {
		// Neither "02/1990" nor "02/19" inside it is a month and year.
		assertThat(surfaces(dates, "DOB 31/02/1990")).isEmpty();
	}

	@Test
	void dateOfBirthContextRaisesTheScoreAndIsExplained() {
		Span plain = onlySpan(dates, "Recorded 14/05/1990", "14/05/1990");
		Span withContext = onlySpan(dates, "Date of birth: 14/05/1990", "14/05/1990");
		assertThat(plain.score()).isEqualTo(0.6);
		assertThat(withContext.score()).isEqualTo(0.75);
		assertThat(plain.explanation()).isEqualTo("pattern date_numeric_dmy; day and month valid");
		assertThat(withContext.explanation())
			.isEqualTo("pattern date_numeric_dmy; day and month valid; context 'date of birth' +0.15");
	}

	@Test
	void abbreviatedDobWithDotsCountsAsContext() {
		assertThat(onlySpan(dates, "d.o.b. 14/05/1990", "14/05/1990").explanation())
			.endsWith("context 'd.o.b' +0.15");
	}

	@Test
	void everyDateInANoteIsFound() {
		assertThat(surfaces(dates, "Born 3/4/85; evicted 1st June 2023; seen since Jan 2024 and on the 5th."))
			.containsExactly("3/4/85", "1st June 2023", "Jan 2024", "5th");
	}

	@Test
	void dayAndMonthRulesFollowTheCalendar() {
		assertThat(DateRecognizer.isRealDate("29/02/2000")).isTrue();
		assertThat(DateRecognizer.isRealDate("29/02/1900")).isFalse();
		assertThat(DateRecognizer.isRealDate("29 February")).isTrue();
		assertThat(DateRecognizer.isRealDate("31 June")).isFalse();
		assertThat(DateRecognizer.isRealDate("30 June")).isTrue();
	}

	@Test
	void nameAndEntityAreStable() {
		assertThat(dates.name()).isEqualTo("date");
		assertThat(dates.entities()).containsExactly(EntityType.DATE);
	}

}
