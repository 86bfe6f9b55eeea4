package org.proportion.redact.places;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.proportion.redact.ScanContext;
import org.proportion.redact.NameLists;

import static org.assertj.core.api.Assertions.assertThat;

/** Places described in words, numbered addresses, streets in any case, countries. */
class PlaceDescriptionRecognizerTests {

	final PlaceDescriptionRecognizer places = new PlaceDescriptionRecognizer(NameLists.load());

	List<String> found(String text) {
		return places.find(text, ScanContext.NONE).stream().map(s -> s.text(text)).toList();
	}

	@Test
	void findsSleepSitesDescribedInWords() {
		assertThat(found("Bedded down in the doorway behind Greggs on the high street again."))
			.containsExactly("the doorway behind Greggs on the high street");
		assertThat(found("Found in the car park by the leisure centre at 6am."))
			.containsExactly("the car park by the leisure centre");
		assertThat(found("Tent in the woods behind Tesco")).contains("Tent in the woods behind Tesco");
	}

	@Test
	void findsNumberedAddressesAndStreetsInCapitalsOrLowerCase() {
		assertThat(found("Now at 17 Brunswick Road with a friend")).containsExactly("17 Brunswick Road");
		assertThat(found("Moved to Flat 6, Brook House last week")).contains("Flat 6, Brook House");
		assertThat(found("SEEN ON STATION RD AT 0300")).containsExactly("STATION RD");
		assertThat(found("sleeping on hope st tonight")).containsExactly("hope st");
		assertThat(found("he was on the road all night")).isEmpty();
	}

	@Test
	void findsCountriesAndUnknownPlacesAfterAPlaceWord() {
		assertThat(found("Fled Eritrea in 2019, family still in Sri Lanka")).contains("Eritrea", "Sri Lanka");
		assertThat(found("He moved to Kellsworth with his brother")).containsExactly("Kellsworth");
		assertThat(found("He moved in with Dave in January")).isEmpty();
	}

}
