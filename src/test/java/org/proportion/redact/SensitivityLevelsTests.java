package org.proportion.redact;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.proportion.redact.operate.Redactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One scan, a redaction per reader's sensitivity level, and an unknown level refused. */
class SensitivityLevelsTests {

	static Span guess(double score) {
		return new Span(EntityType.PERSON, 4, 11, score, "guess", "x", Evidence.of(Evidence.Source.LEXICON, Evidence.Cue.TITLE));
	}

	@Test
	void eachLevelMovesTheThresholdsOfOneScan() {
		int[] scans = { 0 };
		Recognizer counting = new Recognizer() {

			@Override
			public String name() {
				return "guess";
			}

			@Override
			public java.util.Set<EntityType> entities() {
				return java.util.Set.of(EntityType.PERSON);
			}

			@Override
			public List<Span> find(String text, ScanContext context) {
				scans[0]++;
				return List.of(guess(0.55));
			}
		};
		Analyzer analyzer = new Analyzer(List.of(counting), Map.of("guess", 0.5), NameLists.load(),
				Map.of("high", new Sensitivity(-0.2, Map.of()), "precise", new Sensitivity(0.1, Map.of())));
		Analysis analysis = analyzer.analyze("Mr. Zorblax came", ScanContext.NONE);
		assertThat(scans[0]).isEqualTo(1);
		assertThat(analysis.spans()).hasSize(1);
		assertThat(analysis.at("high").spans()).hasSize(1);
		assertThat(analysis.at("precise").spans()).isEmpty();
		assertThat(analysis.at(null)).isSameAs(analysis);
		assertThat(Redactor.apply(analysis.at("precise"), Map.of(), "c", k -> k).text()).isEqualTo("Mr. Zorblax came");
		assertThat(Redactor.apply(analysis.at("high"), Map.of(), "c", k -> k).text()).isEqualTo("Mr. [PERSON] came");
	}

	@Test
	void anUnknownLevelIsAnErrorNotTheStandardOne() {
		Analysis analysis = Models.engine().analyze("Kasia rang.", ScanContext.NONE);
		assertThatThrownBy(() -> analysis.at("medium")).isInstanceOf(IllegalArgumentException.class)
			.hasMessageNotContaining("Kasia");
	}

	@Test
	void theHighLevelRemovesCapitalisedWordsTheEngineIsUnsureOfAndStandardKeepsThem() {
		String note = "Saw him with Qwerzy near the bins, said he was fine.";
		Analysis analysis = Models.engine().analyze(note, ScanContext.NONE);
		assertThat(Models.engine().levels()).contains("standard", "high", "precise");
		assertThat(Redactor.apply(analysis.at("high"), Map.of(), "c", k -> k).text()).doesNotContain("Qwerzy");
		assertThat(analysis.at("high").spans().size()).isGreaterThanOrEqualTo(analysis.spans().size());
		assertThat(analysis.at("precise").spans().size()).isLessThanOrEqualTo(analysis.spans().size());
	}

}
