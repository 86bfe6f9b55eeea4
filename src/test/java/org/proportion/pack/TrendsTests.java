package org.proportion.pack;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.proportion.model.CaseRecord;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pure rules of the trend tables: a marked value is not counted by its value, and no table
 * says something of each person counted.
 */
class TrendsTests {

	static List<CaseRecord> cohort(boolean markEritrean) {
		List<CaseRecord> cohort = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			cohort.add(record("B-" + i, "British", false));
			cohort.add(record("P-" + i, "Polish", false));
			cohort.add(record("I-" + i, "Irish", false));
		}
		cohort.add(record("E-1", "Eritrean", markEritrean));
		return cohort;
	}

	static CaseRecord record(String ref, String nationality, boolean marked) {
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("name", "Person " + ref);
		fields.put("nationality", nationality);
		if (marked) {
			fields.put(CaseRecord.DO_NOT_DISCLOSE, List.of("nationality"));
		}
		return new CaseRecord("outreach:" + ref, "outreach", ref, fields, null);
	}

	static List<String> nationalityRows(List<CaseRecord> cohort) {
		TrendTable table = Trends.tables(cohort, LocalDate.of(2026, 12, 8), 5)
			.stream()
			.filter(t -> t.dimension().equals("nationality"))
			.findFirst()
			.orElseThrow();
		return table.rows().stream().map(TrendTable.Row::value).toList();
	}

	static TrendTable table(List<CaseRecord> cohort, String dimension) {
		return Trends.tables(cohort, LocalDate.of(2026, 12, 8), 5)
			.stream()
			.filter(t -> t.dimension().equals(dimension))
			.findFirst()
			.orElseThrow();
	}

	@Test
	void aNationalityEveryoneCountedSharesIsNotShownNorIsTheTable() {
		List<CaseRecord> allBritish = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			allBritish.add(record("B-" + i, "British", false));
		}
		TrendTable table = table(allBritish, "nationality");
		assertThat(table.withheld()).isTrue();
		assertThat(table.rows()).isEmpty();
		assertThat(table.toString()).doesNotContain("British");
		// In the same words as a table of too few people: the reason does not say which it was.
		assertThat(table.reason()).isEqualTo(table(allBritish.subList(0, 3), "nationality").reason());
		assertThat(table(cohort(false), "nationality").withheld()).isFalse();
	}

	@Test
	void aNeedEveryoneCountedHasIsLeftOutNotMarkedNotShown() {
		List<CaseRecord> cohort = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			CaseRecord r = record("N-" + i, "British", false);
			Map<String, Object> fields = new LinkedHashMap<>(r.fields());
			fields.put("support_needs", i < 6 ? List.of("mental_health", "substance_use") : List.of("mental_health"));
			cohort.add(new CaseRecord(r.caseRef(), r.agency(), r.agencyRef(), fields, null));
		}
		TrendTable needs = table(cohort, "support_needs");
		assertThat(needs.rows()).extracting(TrendTable.Row::value).containsExactly("substance_use");
		assertThat(needs.rows()).extracting(TrendTable.Row::display).containsExactly("6");
	}

	@Test
	void aMarkedNationalityIsCountedAsNotRecorded() {
		assertThat(nationalityRows(cohort(false))).contains("British", "Eritrean");
		assertThat(nationalityRows(cohort(true))).doesNotContain("Eritrean").contains(Trends.NOT_RECORDED);
	}

}
