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

class AgeRecognizerTests {

	final AgeRecognizer ages = new AgeRecognizer();

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			Man aged 34 found sleeping in the car park.       | aged 34
			Age 34, no fixed abode.                           | Age 34
			Age: 17 so children's services informed.          | Age: 17
			Client is a 34yo male.                            | 34yo
			34 yo female, sofa surfing.                       | 34 yo
			Referral for 34 y/o with no recourse.             | 34 y/o
			He is 34 y.o. and sleeps rough.                   | 34 y.o.
			A 34 year old man approached staff.               | 34 year old
			The 34-year-old was moved to the hostel.          | 34-year-old
			She is 34 years old and pregnant.                 | 34 years old
			Partner (34yrs) also on the tenancy.              | 34yrs
			Baby aged 0 in the household.                     | aged 0
			Resident aged 120 per the records.                | aged 120
			""")
	void agesWrittenAsAgesAreFoundAsWholeExpressions(String note, String age) {
		Span span = onlySpan(ages, note, age);
		assertThat(span.type()).isEqualTo(EntityType.AGE);
	}

	@ParameterizedTest
	@ValueSource(strings = { "Recorded as aged 150.", "See page 34 of the file.", "Spoke to John (34) today.",
			"Homeless for 34 years.", "Room 34, flat 2.", "Owes £34.", "Cancer stage 3.", "Case HO-3001.",
			"Average 34 nights." })
	void numbersThatAreNotAgesAreNotFound(String note) {
		assertThat(surfaces(ages, note)).isEmpty();
	}

	@Test
	void aCompactYrsIsFoundButRankedBelowAClearAge() {
		double yrs = onlySpan(ages, "Partner 34yrs", "34yrs").score();
		double aged = onlySpan(ages, "Partner aged 34", "aged 34").score();
		assertThat(yrs).isLessThan(aged);
	}

	@Test
	void theExplanationNamesThePatternAndTheRangeCheck() {
		assertThat(onlySpan(ages, "aged 34", "aged 34").explanation()).isEqualTo("pattern age_aged; age within 0-120");
		assertThat(onlySpan(ages, "a 34-year-old", "34-year-old").explanation())
			.isEqualTo("pattern age_years_old; age within 0-120");
	}

	@Test
	void contextWordsCanBeConfigured() {
		AgeRecognizer configured = new AgeRecognizer(PatternSettings.defaults("client"));
		Span span = onlySpan(configured, "Client 34yo", "34yo");
		assertThat(span.score()).isEqualTo(0.75);
		assertThat(span.explanation()).endsWith("context 'client' +0.15");
	}

	@Test
	void nameAndEntityAreStable() {
		assertThat(ages.name()).isEqualTo("age");
		assertThat(ages.entities()).containsExactly(EntityType.AGE);
	}

}
