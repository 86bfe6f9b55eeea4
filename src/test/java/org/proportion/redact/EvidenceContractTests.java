package org.proportion.redact;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The engine decides from spans' typed evidence, never from who found them or how they explained
 * it, and builds recognisers from the class their configuration entry names.
 */
class EvidenceContractTests {

	static final String NOTE = "Kasia met Tomasz at the hostel.";

	static Span person(int start, int end, String recognizer, Evidence evidence) {
		return new Span(EntityType.PERSON, start, end, 0.9, recognizer, "whatever it says", evidence);
	}

	@Test
	void theEnginesCoreNamesNoRecogniserItOnlyKnowsTheirContracts() throws IOException {
		// The core (engine, analyser, overlaps, operators) reaches recognisers only through
		// Recognizer, Span and Evidence: a recogniser can be replaced or renamed without the engine
		// deciding differently. The shared lexicons (names, titles) belong to the core.
		List<Path> core;
		try (Stream<Path> top = Files.list(Path.of("src/main/java/org/proportion/redact"));
				Stream<Path> operators = Files.list(Path.of("src/main/java/org/proportion/redact/operate"))) {
			core = Stream.concat(top, operators).filter(f -> f.toString().endsWith(".java")).toList();
		}
		assertThat(core).hasSizeGreaterThan(20).contains(Path.of("src/main/java/org/proportion/redact/Analyzer.java"));
		for (Path source : core) {
			assertThat(Files.readString(source)).as(source.toString())
				.doesNotContainPattern("org\\.proportion\\.redact\\.(names|patterns|places|nlp|topics|record)\\.");
		}
	}

	@Test
	void theSubjectIsWhoTheRecordsEvidenceSaysWhateverTheRecogniserIsCalled() {
		Span kasia = person(0, 5, "any-name-at-all", Evidence.subject(false));
		Span tomasz = person(10, 16, "subject-record", Evidence.of(Evidence.Source.LEXICON));
		Analysis analysis = new Analysis(NOTE, List.of(kasia, tomasz), List.of(kasia));
		assertThat(analysis.isSubject(kasia)).isTrue();
		assertThat(analysis.isSubject(tomasz)).isFalse();
		assertThat(analysis.isAlias(kasia)).isFalse();
	}

	@Test
	void anAliasIsMarkedByTheRecordsEvidenceNotByTheExplanationText() {
		Span alias = new Span(EntityType.PERSON, 0, 5, 0.9, "r", "the subject's recorded name", Evidence.subject(true));
		Analysis analysis = new Analysis(NOTE, List.of(alias), List.of(alias));
		assertThat(analysis.isAlias(alias)).isTrue();
	}

	@Test
	void onlyTheRecordsEvidenceCanMakeASubjectSpan() {
		Span guess = person(0, 5, "subject-record", Evidence.of(Evidence.Source.MODEL));
		assertThatThrownBy(() -> new Analysis(NOTE, List.of(guess), List.of(guess)))
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void aValidatedIdentifierWinsAnOverlapByItsEvidenceAndAGuessOfTheSameShapeDoesNot() {
		Span phone = new Span(EntityType.PHONE, 0, 11, 0.5, "p", "x", Evidence.of(Evidence.Source.VALIDATED_IDENTIFIER));
		Span date = new Span(EntityType.DATE, 0, 8, 0.95, "d", "x", Evidence.of(Evidence.Source.PATTERN));
		assertThat(Overlaps.resolve(List.of(phone, date))).containsExactly(phone);
		Span unvalidated = new Span(EntityType.PHONE, 0, 11, 0.5, "p", "x", Evidence.of(Evidence.Source.PATTERN));
		assertThat(Overlaps.resolve(List.of(unvalidated, date))).extracting(Span::type).containsExactly(EntityType.DATE);
	}

	@Test
	void aModelsCapitalisedOrdinaryWordIsNoPersonButTheSameWordWithATitleIs() {
		Analyzer analyzer = new Analyzer(List.of(fixed(new Span(EntityType.PERSON, 4, 9, 0.9, "m", "x",
				Evidence.of(Evidence.Source.MODEL)))), Map.of(), NameLists.load());
		assertThat(analyzer.analyze("Mr. Table came", ScanContext.NONE).spans()).isEmpty();
		Analyzer titled = new Analyzer(List.of(fixed(new Span(EntityType.PERSON, 4, 9, 0.9, "m", "x",
				Evidence.of(Evidence.Source.LEXICON, Evidence.Cue.TITLE)))), Map.of(), NameLists.load());
		assertThat(titled.analyze("Mr. Table came", ScanContext.NONE).spans()).extracting(Span::start).containsExactly(4);
	}

	@Test
	void aRecogniserIsBuiltFromTheClassItsEntryNamesAndAnythingElseIsRefused() {
		RedactionConfig.Entry age = new RedactionConfig.Entry("patterns.AgeRecognizer", true, 0.5, List.of(), List.of(),
				null, null);
		Recognizer built = RecognizerRegistry.create(new RecognizerSetup("age", age, NameLists.load(), Path.of(".")));
		assertThat(built.find("aged 34", ScanContext.NONE)).singleElement().extracting(Span::type).isEqualTo(EntityType.AGE);

		assertThatThrownBy(() -> RecognizerRegistry.create(new RecognizerSetup("other-name", age, NameLists.load(), Path.of("."))))
			.hasMessageContaining("calls itself");
		for (String wrong : List.of("patterns.NoSuchRecognizer", "Words", "../java.lang.Thread")) {
			RedactionConfig.Entry entry = new RedactionConfig.Entry(wrong, true, 0.5, List.of(), List.of(), null, null);
			assertThatThrownBy(() -> RecognizerRegistry.create(new RecognizerSetup("x", entry, NameLists.load(), Path.of("."))))
				.isInstanceOf(IllegalStateException.class);
		}
	}

	static Recognizer fixed(Span span) {
		return new Recognizer() {

			@Override
			public String name() {
				return "fixed";
			}

			@Override
			public java.util.Set<EntityType> entities() {
				return java.util.Set.of(span.type());
			}

			@Override
			public List<Span> find(String text, ScanContext context) {
				return List.of(span);
			}
		};
	}

}
