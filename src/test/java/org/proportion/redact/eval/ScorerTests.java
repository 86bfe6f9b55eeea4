package org.proportion.redact.eval;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.proportion.redact.EntityType;
import org.proportion.redact.eval.Scorer.Doc;
import org.proportion.redact.eval.Scorer.Mark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.proportion.redact.EntityType.LOCATION;
import static org.proportion.redact.EntityType.PERSON;

/**
 * The scoring rules of the project's score.py, worked by hand on one text: a name hidden under
 * a finding of another type is caught but not typed, a name half-covered is partial and leaks
 * its other half, and a finding on no gold span lowers precision.
 */
class ScorerTests {

	//                       0         1         2         3         4
	//                       0123456789012345678901234567890123456789012345
	private static final String TEXT = "Dave Smith met Ann Lee in Leeds on Monday.";

	@Test
	void countsCoverageByAnyTypeAndTypedCoverageApart() {
		Doc doc = new Doc("1", TEXT, List.of(new Mark(PERSON, 0, 10), new Mark(PERSON, 15, 22), new Mark(LOCATION, 26, 31)),
				List.of(new Mark(PERSON, 0, 10), new Mark(LOCATION, 15, 18), new Mark(LOCATION, 26, 31),
						new Mark(PERSON, 35, 41)));
		Scorer.Result result = Scorer.score(List.of(doc), null);

		Scorer.Counts person = result.of(PERSON);
		assertThat(person.gold()).isEqualTo(2);
		assertThat(person.recall()).isEqualTo(0.5); // "Ann Lee": only "Ann" covered
		assertThat(person.partialRecall()).isEqualTo(1.0);
		assertThat(person.typedRecall()).isEqualTo(0.5);
		assertThat(person.chars()).isEqualTo(9 + 6); // spaces are not counted
		assertThat(person.leaked()).isEqualTo(3); // "Lee"
		assertThat(person.found()).isEqualTo(2);
		assertThat(person.precision()).isEqualTo(0.5); // "Monday" touches no gold span
		Scorer.Counts location = result.of(LOCATION);
		assertThat(location.found()).isEqualTo(2);
		assertThat(location.precision()).isEqualTo(1.0); // "Ann" as a place still touches gold
		assertThat(location.typedPrecision()).isEqualTo(0.5); // ...but not a place
		assertThat(result.overall().leak()).isEqualTo(3.0 / (9 + 6 + 5));
	}

	@Test
	void aTypeSelectionScoresOnlyThoseGoldTypesAndCompatibleFindings() {
		Doc doc = new Doc("1", TEXT, List.of(new Mark(PERSON, 0, 10), new Mark(LOCATION, 26, 31)),
				List.of(new Mark(EntityType.DATE, 35, 41), new Mark(LOCATION, 26, 31)));
		Scorer.Result result = Scorer.score(List.of(doc), Set.of(PERSON));
		assertThat(result.types()).containsOnlyKeys(PERSON);
		assertThat(result.of(PERSON).recall()).isZero();
		assertThat(result.overall().found()).isZero();
	}

}
