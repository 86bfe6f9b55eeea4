package org.proportion.redact;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.proportion.redact.operate.Redactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The engine on the sentences the issue names, and what happens when it cannot run. */
class RedactionEngineTests {

	final RedactionEngine engine = Models.engine();

	List<String> found(String text, EntityType type) {
		return engine.analyze(text, ScanContext.NONE)
			.spans()
			.stream()
			.filter(s -> s.type() == type)
			.map(s -> s.text(text))
			.toList();
	}

	@Test
	void findsAConvictionAndMedicationAsPhrases() {
		assertThat(found("He has a conviction for sexual assault and is on methadone.", EntityType.CRIMINAL))
			.singleElement()
			.asString()
			.contains("conviction for sexual assault");
		assertThat(found("He has a conviction for sexual assault and is on methadone.", EntityType.HEALTH))
			.containsExactly("on methadone");
	}

	@Test
	void findsPeopleButNotTheServicesAroundThem() {
		String note = "Saw Kasia Nowak at Hope Street with her partner Tomasz. Referred to St Mungo's and Northshire Police.";
		assertThat(found(note, EntityType.PERSON)).contains("Kasia Nowak", "Tomasz");
		assertThat(found(note, EntityType.LOCATION)).contains("Hope Street");
		assertThat(found(note, EntityType.ORGANIZATION)).contains("St Mungo's", "Northshire Police");
	}

	@Test
	void namesThatAreOrdinaryWordsNeedContext() {
		assertThat(found("Will call back tomorrow. May be eligible. Hope to place him.", EntityType.PERSON)).isEmpty();
		assertThat(found("Spoke to Will about the rent; his sister May was there.", EntityType.PERSON))
			.contains("Will", "May");
	}

	@Test
	void theSubjectIsFoundInAnyCaseSpellingOrPossessive() {
		ScanContext subject = new ScanContext(List.of("Agnieszka Nowak", "Aga"), "1992-03-14",
				List.of("Doorway by the old cinema, Northgate"));
		String note = "AGNIESZKA came in. Agnieska's bag was taken from the doorway by the old cinema. DOB 14/03/1992.";
		Analysis analysis = engine.analyze(note, subject);
		List<String> people = analysis.spans()
			.stream()
			.filter(analysis::isSubject)
			.map(s -> s.text(note))
			.toList();
		assertThat(people).contains("AGNIESZKA", "Agnieska");
		assertThat(analysis.spans()).anySatisfy(s -> {
			assertThat(s.type()).isEqualTo(EntityType.DATE);
			assertThat(s.text(note)).isEqualTo("14/03/1992");
		});
		assertThat(analysis.spans()).anySatisfy(s -> assertThat(s.text(note)).contains("doorway by the old cinema"));
	}

	@Test
	void everyFindingSaysWhoFoundItAndWhyAndOverlapsAreResolvedTheSameWayEveryTime() {
		String note = "Released from HMP Leeds on licence, now at the Salvation Army hostel with Jo Smith.";
		Analysis first = engine.analyze(note, ScanContext.NONE);
		Analysis second = engine.analyze(note, ScanContext.NONE);
		assertThat(first.spans()).isEqualTo(second.spans());
		// HMP Leeds, the hostel and Jo Smith at least.
		assertThat(first.spans()).hasSizeGreaterThanOrEqualTo(3).allSatisfy(s -> {
			assertThat(s.recognizer()).isNotBlank();
			assertThat(s.explanation()).isNotBlank();
		});
		for (int i = 1; i < first.spans().size(); i++) {
			assertThat(first.spans().get(i).start()).isGreaterThanOrEqualTo(first.spans().get(i - 1).end());
		}
		// The prison is part of the criminal phrase; the person is cut out of it, never inside it.
		assertThat(first.spans()).anySatisfy(s -> {
			assertThat(s.type()).isEqualTo(EntityType.CRIMINAL);
			assertThat(s.text(note)).contains("HMP Leeds");
		});
		assertThat(first.spans()).anySatisfy(s -> assertThat(s.text(note)).isEqualTo("Jo Smith"));
	}

	@Test
	void operatorsRedactPseudonymiseAndGeneraliseAndAnUnknownOperatorIsRefused() {
		ScanContext subject = new ScanContext(List.of("Kasia Nowak"), null, List.of());
		String note = "Kasia Nowak, aged 34, met Tomasz on 3rd May 2024; she is on methadone.";
		Analysis analysis = engine.analyze(note, subject);
		Redactor.Redacted redacted = Redactor.apply(analysis,
				Map.of("SUBJECT", "pseudonymise", "PERSON", "redact", "AGE", "generalise", "DATE", "generalise",
						"HEALTH", "redact"),
				"outreach:OR-1", key -> key.equals("outreach:OR-1") ? "Person A" : "Person B");
		assertThat(redacted.text()).startsWith("Person A, [age 25-34], met [PERSON] on [year 2024]; she is [HEALTH].");
		assertThat(redacted.summary()).contains("SUBJECT 1 pseudonymised", "HEALTH 1 removed").doesNotContain("Kasia");
		assertThatThrownBy(() -> Redactor.apply(analysis, Map.of("HEALTH", "publish"), "x", k -> k))
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void aNameRunningPastTheEndOfACriminalClauseStillLeavesTheClauseFound() {
		String note = "He served time for GBH after a fight with Tom Price at the hostel.";
		Analysis analysis = engine.analyze(note, ScanContext.NONE);
		assertThat(analysis.spans()).anySatisfy(s -> {
			assertThat(s.type()).isEqualTo(EntityType.CRIMINAL);
			assertThat(s.text(note)).contains("GBH");
		});
		assertThat(analysis.spans()).anySatisfy(s -> {
			assertThat(s.type()).isEqualTo(EntityType.PERSON);
			assertThat(s.text(note)).contains("Price");
		});
	}

	@Test
	void aRelativeSharingTheSubjectsSurnameIsNotTheSubject() {
		ScanContext subject = new ScanContext(List.of("John Smith"), null, List.of());
		String note = "John came in with his brother Dave Smith.";
		Analysis analysis = engine.analyze(note, subject);
		Redactor.Redacted redacted = Redactor.apply(analysis, Map.of("SUBJECT", "keep", "PERSON", "redact"), "x", k -> k);
		assertThat(redacted.text()).startsWith("John came in").doesNotContain("Dave");
	}

	@Test
	void withoutItsModelTheEngineRefusesToScanRatherThanPassTextThrough() throws Exception {
		RedactionEngine noModel = new RedactionEngine(Files.createTempDirectory("no-model"));
		assertThatThrownBy(() -> noModel.analyze("Kasia is on methadone.", ScanContext.NONE))
			.isInstanceOf(RedactionUnavailable.class)
			.hasMessageNotContaining("Kasia");
	}

}
