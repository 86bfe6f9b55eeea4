package org.proportion.redact.operate;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.proportion.redact.Analysis;
import org.proportion.redact.EntityType;
import org.proportion.redact.Evidence;
import org.proportion.redact.Span;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every operator a policy may name, what a reader sees from each, and a name no operator has. */
class OperatorsTests {

	static final String NOTE = "Tomasz rang 07700 900123 on 3rd May 2024, aged 34.";

	static final Analysis ANALYSIS = new Analysis(NOTE, List.of(
			span(EntityType.PERSON, "Tomasz"), span(EntityType.PHONE, "07700 900123"),
			span(EntityType.DATE, "3rd May 2024"), span(EntityType.AGE, "aged 34")), List.of());

	static Span span(EntityType type, String surface) {
		int at = NOTE.indexOf(surface);
		return new Span(type, at, at + surface.length(), 0.9, "test", "test", Evidence.of(Evidence.Source.PATTERN));
	}

	static String apply(String person, String phone, String date, String age) {
		return Redactor.apply(ANALYSIS, Map.of("PERSON", person, "PHONE", phone, "DATE", date, "AGE", age), "c",
				k -> "Person B").text();
	}

	@Test
	void eachOperatorShowsWhatItsNameSays() {
		assertThat(apply("keep", "keep", "keep", "keep")).isEqualTo(NOTE);
		assertThat(apply("redact", "redact", "redact", "redact")).isEqualTo("[PERSON] rang [PHONE] on [DATE], [AGE].");
		assertThat(apply("remove", "remove", "remove", "remove")).isEqualTo("[removed] rang [removed] on [removed], [removed].");
		assertThat(apply("pseudonymise", "mask", "generalise", "generalise"))
			.isEqualTo("Person B rang 077** ****** on [year 2024], [age 25-34].");
	}

	@Test
	void theDecisionLogCountsByWhatTheOperatorDid() {
		Redactor.Redacted redacted = Redactor.apply(ANALYSIS,
				Map.of("PERSON", "remove", "PHONE", "mask", "DATE", "keep", "AGE", "generalise"), "c", k -> k);
		assertThat(redacted.summary()).isEqualTo("AGE 1 generalised, DATE 1 kept, PERSON 1 removed, PHONE 1 masked");
	}

	@Test
	void anUnknownOperatorIsAnErrorNotADefault() {
		assertThatThrownBy(() -> Operators.named("publish")).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> apply("keep", "keep", "keep", "Redact")).isInstanceOf(IllegalArgumentException.class);
		assertThat(Operators.names()).containsExactly("keep", "redact", "remove", "mask", "pseudonymise", "generalise");
	}

}
