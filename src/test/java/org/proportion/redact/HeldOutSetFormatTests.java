package org.proportion.redact;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.proportion.redact.eval.AnnotatedNote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The held-out case-note set is scored once, after tuning is frozen, so a slip in its hand-written
 * markup would go unnoticed until that one score is wrong. These tests check its shape with the
 * same parser the evaluation uses; they never run the engine and say nothing about its score.
 */
class HeldOutSetFormatTests {

	private static final String HELD_OUT = "/redaction/heldout-notes.jsonl";

	private static final String DEV = "/redaction/dev-notes.jsonl";

	private static final ObjectMapper JSON = new ObjectMapper();

	private static List<JsonNode> lines;

	private static List<AnnotatedNote> notes;

	@BeforeAll
	static void load() throws IOException {
		lines = jsonLines(HELD_OUT);
		notes = new ArrayList<>();
		for (JsonNode line : lines) {
			// No scan happens here, so the note needs no scan context.
			notes.add(AnnotatedNote.parse(line.path("id").asText(), line.path("genre").asText(),
					line.path("text").asText(), null));
		}
	}

	@Test
	void holdsAtLeastFortyFiveNotesWithSequentialIds() {
		assertThat(notes).hasSizeGreaterThanOrEqualTo(45);
		for (int i = 0; i < notes.size(); i++) {
			assertThat(notes.get(i).id()).isEqualTo("held-%03d".formatted(i + 1));
		}
	}

	@Test
	void spansAtLeastTenGenresNoneOfThemInTheDevSet() throws IOException {
		Set<String> genres = notes.stream().map(AnnotatedNote::genre).collect(Collectors.toSet());
		Set<String> devGenres = jsonLines(DEV).stream().map(n -> n.path("genre").asText())
			.collect(Collectors.toSet());
		assertThat(genres).hasSizeGreaterThanOrEqualTo(10).doesNotContainAnyElementsOf(devGenres);
	}

	@Test
	void everyNoteHasAnnotationsWhoseSpansAreTrimmedText() {
		for (AnnotatedNote note : notes) {
			assertThat(note.gold()).as(note.id()).isNotEmpty();
			for (AnnotatedNote.Gold g : note.gold()) {
				String surface = note.text().substring(g.start(), g.end());
				assertThat(surface).as(note.id()).isNotBlank().isEqualTo(surface.strip());
			}
		}
	}

	@Test
	void everyEntityTypeOfWhenItWasWrittenIsAnnotatedSomewhere() {
		Set<EntityType> used = EnumSet.noneOf(EntityType.class);
		notes.forEach(n -> n.gold().forEach(g -> used.add(g.type())));
		// The set was written before the identifier types of issue 10 existed (prison numbers,
		// case references, vehicles, bank details, IP addresses, user names): it has none of them.
		assertThat(used).containsExactlyInAnyOrder(EntityType.PERSON, EntityType.LOCATION, EntityType.ORGANIZATION,
				EntityType.POSTCODE, EntityType.DATE, EntityType.AGE, EntityType.NHS_NUMBER, EntityType.NI_NUMBER,
				EntityType.PHONE, EntityType.EMAIL, EntityType.NRP, EntityType.HEALTH, EntityType.CRIMINAL,
				EntityType.SEXUALITY);
	}

	@Test
	void notesAreCaseNoteLengthAndCarryASubjectOrNull() {
		for (int i = 0; i < notes.size(); i++) {
			int words = notes.get(i).text().strip().split("\\s+").length;
			assertThat(words).as(notes.get(i).id()).isBetween(60, 200);
			JsonNode subject = lines.get(i).path("subject");
			if (!subject.isNull()) {
				assertThat(subject.path("names").isArray()).as(notes.get(i).id()).isTrue();
				assertThat(subject.path("addresses").isArray()).as(notes.get(i).id()).isTrue();
			}
		}
	}

	private static List<JsonNode> jsonLines(String resource) throws IOException {
		try (InputStream in = HeldOutSetFormatTests.class.getResourceAsStream(resource)) {
			assertThat(in).as(resource).isNotNull();
			List<JsonNode> out = new ArrayList<>();
			for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
				if (!line.isBlank()) {
					out.add(JSON.readTree(line));
				}
			}
			return out;
		}
	}

}
