package org.proportion.pack;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Each generalisation says less than the value; what cannot be generalised gives nothing. */
class GeneralisationsTests {

	@Test
	void agesBecomeBands() {
		assertThat(Generalisations.apply("age_band", "34", "x")).contains("25-34");
		assertThat(Generalisations.apply("age_band", "17", "x")).contains("under 18");
		assertThat(Generalisations.apply("age_band", "70", "x")).contains("65 or over");
		assertThat(Generalisations.apply("age_band", "thirty", "x")).isEmpty();
	}

	@Test
	void datesOfBirthBecomeYears() {
		assertThat(Generalisations.apply("year_of_birth", "1992-03-14", "x")).contains("born 1992");
	}

	@Test
	void sleepSitesBecomeAreasAndASiteWithoutAnAreaGivesNothing() {
		assertThat(Generalisations.apply("area", "Doorway by the old cinema, Northgate", "x")).contains("Northgate area");
		assertThat(Generalisations.apply("area", "Doorway by the old cinema", "x")).isEmpty();
		assertThat(Generalisations.apply("area", "Northgate, doorway of 14 Hope Street", "x")).isEmpty();
	}

	@Test
	void postcodesBecomeOutwardCodes() {
		assertThat(Generalisations.apply("outward_code", "ng7 2ab", "x")).contains("NG7");
		assertThat(Generalisations.apply("outward_code", "not a postcode", "x")).isEmpty();
	}

	@Test
	void riskFlagsBecomeASafeguardingContact() {
		assertThat(Generalisations.apply("safeguarding_flag", List.of("risk_to_women"), "Harbour Day Centre"))
			.contains("Risk to women: contact Harbour Day Centre's safeguarding lead before any placement decision");
	}

	@Test
	void aRiskFlagWrittenAsFreeTextIsNotShown() {
		assertThat(Generalisations.apply("safeguarding_flag", List.of("Conviction for sexual assault 2019"), "X")).isEmpty();
	}

	@Test
	void anUnknownGeneralisationGivesNothing() {
		assertThat(Generalisations.apply("first_letter", "Agnieszka", "x")).isEmpty();
	}

	@Test
	void pseudonymsRunLikeSpreadsheetColumns() {
		assertThat(Pseudonyms.letters(0)).isEqualTo("A");
		assertThat(Pseudonyms.letters(25)).isEqualTo("Z");
		assertThat(Pseudonyms.letters(26)).isEqualTo("AA");
		Pseudonyms pseudonyms = new Pseudonyms();
		assertThat(pseudonyms.of("a")).isEqualTo("Person A");
		assertThat(pseudonyms.of("b")).isEqualTo("Person B");
		assertThat(pseudonyms.of("a")).isEqualTo("Person A");
	}


	@Test
	void riskWordingNamesTheAgencyToContactAndReadsTheSameWhenThereIsNothingForTheReader() {
		assertThat(Generalisations.riskWording(List.of("Risk to women: contact {controller}'s safeguarding lead"), "Harbour Day Centre"))
			.contains("Risk to women: contact Harbour Day Centre's safeguarding lead");
		assertThat(Generalisations.riskWording(List.of(), "Harbour Day Centre")).contains("No risk flags for your role.");
	}

}
