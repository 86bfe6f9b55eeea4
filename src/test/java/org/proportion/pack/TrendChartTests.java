package org.proportion.pack;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The bars a trend chart draws: in proportion for counts shown, a worded marker for suppressed cells. */
class TrendChartTests {

	static TrendTable table(String... displays) {
		List<TrendTable.Row> rows = new java.util.ArrayList<>();
		for (int i = 0; i < displays.length; i++) {
			rows.add(new TrendTable.Row("value_" + i, displays[i]));
		}
		return new TrendTable("d", "Dimension", "20 people", rows, false, null);
	}

	@Test
	void countsShownAreBarsInProportionToTheLongest() {
		TrendChart chart = table("12", "6", "fewer than 5").chart();
		assertThat(chart.bars()).extracting(TrendChart.Bar::width).containsExactly(TrendChart.BAR_MAX, TrendChart.BAR_MAX / 2, 0);
		assertThat(chart.bars()).extracting(TrendChart.Bar::percent).containsExactly(100, 50, 0);
		assertThat(chart.bars().get(0).label()).isEqualTo("value 0");
	}

	@Test
	void aSuppressedCellIsWordedAndNeverGivesANumber() {
		TrendChart chart = table("fewer than 5", "not shown", "9").chart();
		assertThat(chart.bars().get(0).suppressed()).isTrue();
		assertThat(chart.bars().get(0).display()).isEqualTo("fewer than 5");
		assertThat(chart.bars().get(1).suppressed()).isTrue();
		assertThat(chart.bars().get(1).width()).isZero();
		assertThat(chart.bars().get(2).suppressed()).isFalse();
		// The words sit after the fixed marker, not after a bar that would hint at a size.
		assertThat(chart.bars().get(0).textX()).isEqualTo(chart.bars().get(1).textX());
	}

	@Test
	void rowsAreStackedAndTheChartIsTallEnoughForThem() {
		TrendChart chart = table("1", "2", "3").chart();
		assertThat(chart.bars()).extracting(TrendChart.Bar::y).containsExactly(4, 34, 64);
		assertThat(chart.height()).isGreaterThan(64 + 22);
		assertThat(table().chart().bars()).isEmpty();
	}

}
