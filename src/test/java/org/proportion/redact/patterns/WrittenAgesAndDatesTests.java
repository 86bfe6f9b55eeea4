package org.proportion.redact.patterns;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.proportion.redact.patterns.Finds.onlySpan;
import static org.proportion.redact.patterns.Finds.surfaces;

/** Ages and dates in the forms workers write them, and the numbers that are neither. */
class WrittenAgesAndDatesTests {

	final AgeRecognizer ages = new AgeRecognizer();

	final DateRecognizer dates = new DateRecognizer();

	@Test
	void findsAgesWrittenEveryWay() {
		onlySpan(ages, "Male, 33, rough sleeping", "33");
		onlySpan(ages, "White British 41F seen", "41F");
		onlySpan(ages, "aged thirty-three", "aged thirty-three");
		onlySpan(ages, "she is in her early 40s", "in her early 40s");
		onlySpan(ages, "he is in his forties", "in his forties");
		onlySpan(ages, "He is 19, an Afghan care leaver", "19");
		onlySpan(ages, "It is his birthday today, 38.", "38");
		onlySpan(ages, "Young lad with him, Kai, 17 - under 18", "17");
		onlySpan(ages, "May (Rm 1) turned 58 today", "58");
	}

	@Test
	void leavesQuantitiesThatAreNoAges() {
		assertThat(surfaces(ages, "He was 20 minutes late and she is 34 weeks pregnant")).isEmpty();
		assertThat(surfaces(ages, "He is 10:30 for the GP")).isEmpty();
		assertThat(surfaces(ages, "room 33 was empty")).isEmpty();
	}

	@Test
	void findsDatesWithWeekdaysDayMonthAndMonthsAlone() {
		onlySpan(dates, "Seen Monday 15th at the hub", "Monday 15th");
		onlySpan(dates, "Weds 7/2 outreach", "Weds 7/2");
		onlySpan(dates, "Sat 02/03/24 shift", "Sat 02/03/24");
		onlySpan(dates, "Outreach 19/03. Steph and me", "19/03");
		onlySpan(dates, "Evicted in November after arrears", "November");
		onlySpan(dates, "arrested in Nov - released", "Nov");
		onlySpan(dates, "moved out in May", "May");
		assertThat(surfaces(dates, "May said she would come")).isEmpty();
		assertThat(surfaces(dates, "pain 7/10 today")).isEmpty();
	}

}
