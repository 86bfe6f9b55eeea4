package org.proportion.pack;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The pure rule behind do-not-disclose marks in notes: a marked value never survives, in any form. */
class DoNotDiscloseTests {

	static Map<String, Object> record() {
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("name", "Jo Bright");
		fields.put("address", "Flat 3, 12 Orchard Row, Easthill");
		fields.put("aliases", List.of("Joanne Smith"));
		fields.put("do_not_disclose", List.of("address", "aliases"));
		return fields;
	}

	@Test
	void theWholeAddressItsStreetAndAMarkedNewNameBecomeRemoved() {
		List<String> values = DoNotDisclose.values(record());
		String note = "Jo moved to flat 3, 12  orchard row, Easthill on Monday. Visit 12 Orchard Row only with the IDVA. "
				+ "She now goes by Joanne Smith.";
		assertThat(DoNotDisclose.scrub(note, values)).isEqualTo("Jo moved to [removed] on Monday. Visit [removed] only "
				+ "with the IDVA. She now goes by [removed].");
	}

	@Test
	void unmarkedFieldsAndWordsThatMerelyContainAValueAreLeftAlone() {
		Map<String, Object> fields = record();
		fields.put("do_not_disclose", List.of("aliases"));
		String note = "Joanne Smithson called from Flat 3, 12 Orchard Row.";
		assertThat(DoNotDisclose.scrub(note, DoNotDisclose.values(fields))).isEqualTo(note);
	}

}
