package org.proportion.redact.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.proportion.redact.Analysis;
import org.proportion.redact.EntityType;
import org.proportion.redact.RedactionEngine;
import org.proportion.redact.ScanContext;
import org.proportion.redact.Span;

/**
 * Measures the engine on hand-annotated notes: per type, how many gold spans are fully and
 * partly covered by a finding of the same type (recall), how many findings touch a gold span of
 * their type (precision), and the share of sensitive characters no finding covers at all.
 */
public final class Evaluation {

	/** Figures for one entity type. */
	public record TypeScore(EntityType type, int gold, int fullyCovered, int partlyCovered, int found,
			int foundCorrect) {

		public double fullRecall() {
			return gold == 0 ? 1 : (double) fullyCovered / gold;
		}

		public double partialRecall() {
			return gold == 0 ? 1 : (double) partlyCovered / gold;
		}

		public double precision() {
			return found == 0 ? 1 : (double) foundCorrect / found;
		}

	}

	public record Report(int notes, Map<EntityType, TypeScore> types, long sensitiveChars, long leakedChars) {

		public double leakedShare() {
			return sensitiveChars == 0 ? 0 : (double) leakedChars / sensitiveChars;
		}

		public String table() {
			StringBuilder out = new StringBuilder(String.format("%-13s %5s %8s %8s %6s %9s%n", "type", "gold",
					"full-rec", "part-rec", "found", "precision"));
			types.values()
				.forEach(t -> out.append(String.format(Locale.ROOT, "%-13s %5d %7.1f%% %7.1f%% %6d %8.1f%%%n", t.type(),
						t.gold(), 100 * t.fullRecall(), 100 * t.partialRecall(), t.found(), 100 * t.precision())));
			out.append(String.format(Locale.ROOT, "notes: %d; sensitive characters left unredacted: %.2f%% (%d of %d)%n",
					notes, 100 * leakedShare(), leakedChars, sensitiveChars));
			return out.toString();
		}

	}

	private Evaluation() {
	}

	public static List<AnnotatedNote> read(Path jsonl) throws IOException {
		ObjectMapper json = new ObjectMapper();
		List<AnnotatedNote> notes = new ArrayList<>();
		for (String line : Files.readAllLines(jsonl)) {
			if (line.isBlank()) {
				continue;
			}
			JsonNode node = json.readTree(line);
			JsonNode subject = node.path("subject");
			ScanContext context = ScanContext.NONE;
			if (subject.isObject()) {
				List<String> names = new ArrayList<>();
				subject.path("names").forEach(n -> names.add(n.asText()));
				List<String> addresses = new ArrayList<>();
				subject.path("addresses").forEach(a -> addresses.add(a.asText()));
				String dob = subject.path("dateOfBirth").isTextual() ? subject.path("dateOfBirth").asText() : null;
				context = new ScanContext(names, dob, addresses);
			}
			notes.add(AnnotatedNote.parse(node.path("id").asText(), node.path("genre").asText(), node.path("text").asText(),
					context));
		}
		return notes;
	}

	public static Report run(RedactionEngine engine, List<AnnotatedNote> notes) {
		Map<EntityType, int[]> counts = new EnumMap<>(EntityType.class);
		long sensitive = 0;
		long leaked = 0;
		for (AnnotatedNote note : notes) {
			Analysis analysis = engine.analyze(note.text(), note.context());
			boolean[] covered = new boolean[note.text().length()];
			for (Span span : analysis.spans()) {
				for (int i = span.start(); i < span.end(); i++) {
					covered[i] = true;
				}
			}
			for (AnnotatedNote.Gold gold : note.gold()) {
				int[] c = counts.computeIfAbsent(gold.type(), t -> new int[5]);
				c[0]++;
				int chars = 0;
				int sameType = 0;
				for (int i = gold.start(); i < gold.end(); i++) {
					if (Character.isLetterOrDigit(note.text().charAt(i))) {
						chars++;
						sensitive++;
						if (!covered[i]) {
							leaked++;
						}
						if (coveredByType(analysis, gold.type(), i)) {
							sameType++;
						}
					}
				}
				if (sameType == chars) {
					c[1]++;
				}
				if (sameType > 0) {
					c[2]++;
				}
			}
			for (Span span : analysis.spans()) {
				int[] c = counts.computeIfAbsent(span.type(), t -> new int[5]);
				c[3]++;
				boolean correct = note.gold()
					.stream()
					.anyMatch(g -> g.type() == span.type() && g.start() < span.end() && span.start() < g.end());
				if (correct) {
					c[4]++;
				}
			}
		}
		Map<EntityType, TypeScore> types = new EnumMap<>(EntityType.class);
		counts.forEach((type, c) -> types.put(type, new TypeScore(type, c[0], c[1], c[2], c[3], c[4])));
		return new Report(notes.size(), types, sensitive, leaked);
	}

	private static boolean coveredByType(Analysis analysis, EntityType type, int index) {
		for (Span span : analysis.spans()) {
			if (span.type() == type && span.start() <= index && index < span.end()) {
				return true;
			}
		}
		return false;
	}

}
