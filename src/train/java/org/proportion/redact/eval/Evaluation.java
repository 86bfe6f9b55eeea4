package org.proportion.redact.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.proportion.redact.Analysis;
import org.proportion.redact.RedactionEngine;
import org.proportion.redact.ScanContext;
import org.proportion.redact.Span;

/**
 * Runs the whole engine over annotated notes and scores it with the project's {@link Scorer}:
 * per type, full-span, partial and typed recall, precision and the sensitive characters left.
 */
public final class Evaluation {

	private Evaluation() {
	}

	/** The dev set's format: {"id","genre","text" with inline [TYPE:markup],"subject"?} per line. */
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

	/** Each note analysed by the whole engine, as scorer documents. */
	public static List<Scorer.Doc> analyse(RedactionEngine engine, List<AnnotatedNote> notes) {
		List<Scorer.Doc> docs = new ArrayList<>(notes.size());
		for (AnnotatedNote note : notes) {
			Analysis analysis = engine.analyze(note.text(), note.context());
			docs.add(doc(note, analysis.spans()));
		}
		return docs;
	}

	static Scorer.Doc doc(AnnotatedNote note, List<Span> spans) {
		return new Scorer.Doc(note.id(), note.text(),
				note.gold().stream().map(g -> new Scorer.Mark(g.type(), g.start(), g.end())).toList(),
				spans.stream().map(s -> new Scorer.Mark(s.type(), s.start(), s.end(), s.recognizer())).toList());
	}

	/** All types scored. */
	public static Scorer.Result run(RedactionEngine engine, List<AnnotatedNote> notes) {
		return Scorer.score(analyse(engine, notes), null);
	}

	/** Only the given gold types scored (the public corpora annotate names only). */
	public static Scorer.Result run(RedactionEngine engine, List<AnnotatedNote> notes, Set<org.proportion.redact.EntityType> types) {
		return Scorer.score(analyse(engine, notes), types);
	}

}
