package org.proportion.redact;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.proportion.redact.eval.AnnotatedNote;
import org.proportion.redact.eval.Evaluation;
import org.proportion.redact.eval.Scorer;
import org.proportion.support.OpaServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine on the project's hand-annotated dev set (src/test/resources/redaction), so that a
 * change that lets more personal data through fails the build. The floors sit just under the
 * figures in the README (typed: a finding of the gold span's own type); ./proportion eval prints
 * the full table.
 */
class DevSetEvaluationTests {

	@Test
	void theEngineStillFindsWhatItFoundOnTheDevSet() throws Exception {
		List<AnnotatedNote> notes = Evaluation
			.read(OpaServer.projectDir().resolve("src/test/resources/redaction/dev-notes.jsonl"));
		assertThat(notes).hasSizeGreaterThanOrEqualTo(60);
		Scorer.Result report = Evaluation.run(Models.engine(), notes);
		Map<EntityType, Scorer.Counts> types = report.types();

		assertThat(types.get(EntityType.PERSON).typedRecall()).as(report.table()).isGreaterThanOrEqualTo(0.92);
		assertThat(types.get(EntityType.PERSON).typedPrecision()).as(report.table()).isGreaterThanOrEqualTo(0.80);
		assertThat(types.get(EntityType.LOCATION).typedPrecision()).as(report.table()).isGreaterThanOrEqualTo(0.85);
		assertThat(types.get(EntityType.HEALTH).partialRecall()).as(report.table()).isGreaterThanOrEqualTo(0.90);
		assertThat(types.get(EntityType.CRIMINAL).partialRecall()).as(report.table()).isGreaterThanOrEqualTo(0.90);
		for (EntityType identifier : List.of(EntityType.NHS_NUMBER, EntityType.NI_NUMBER, EntityType.POSTCODE,
				EntityType.PHONE, EntityType.EMAIL)) {
			assertThat(types.get(identifier).typedRecall()).as(identifier + "\n" + report.table()).isGreaterThanOrEqualTo(0.99);
			assertThat(types.get(identifier).typedPrecision()).as(identifier + "\n" + report.table()).isGreaterThanOrEqualTo(0.85);
		}
	}

}
