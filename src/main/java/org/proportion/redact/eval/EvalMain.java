package org.proportion.redact.eval;

import java.io.IOException;
import java.nio.file.Path;

import org.proportion.redact.RedactionEngine;

/** {@code ./proportion eval}: the engine's figures on the project's annotated dev set. */
public final class EvalMain {

	private EvalMain() {
	}

	public static void main(String[] args) throws IOException {
		Path devSet = Path.of(args.length > 0 ? args[0] : "src/test/resources/redaction/dev-notes.jsonl");
		Path models = Path.of(args.length > 1 ? args[1] : ".tools/models");
		RedactionEngine engine = new RedactionEngine(models);
		java.util.List<AnnotatedNote> notes = Evaluation.read(devSet);
		Evaluation.Report report = Evaluation.run(engine, notes);
		System.out.print(report.table());
		if (args.length > 2) {
			// Debugging aid: misses and false findings of one type.
			org.proportion.redact.EntityType type = org.proportion.redact.EntityType.valueOf(args[2]);
			for (AnnotatedNote note : notes) {
				var analysis = engine.analyze(note.text(), note.context());
				for (var g : note.gold()) {
					boolean full = true;
					for (int i = g.start(); i < g.end(); i++) {
						final int k = i;
						if (Character.isLetterOrDigit(note.text().charAt(i)) && analysis.spans().stream().noneMatch(s -> s.type() == type && s.start() <= k && k < s.end())) {
							full = false;
						}
					}
					if (g.type() == type && !full) {
						System.out.println("MISS " + note.id() + ": " + note.text().substring(g.start(), g.end()) + "  | "
								+ analysis.spans().stream().filter(s -> s.start() < g.end() && g.start() < s.end()).map(s -> s.type() + ":" + s.text(note.text()) + "/" + s.recognizer()).toList());
					}
				}
				for (var s : analysis.spans()) {
					if (s.type() == type && note.gold().stream().noneMatch(g -> g.type() == type && g.start() < s.end() && s.start() < g.end())) {
						System.out.println("FALSE " + note.id() + ": " + s.text(note.text()) + " (" + s.recognizer() + ", " + s.explanation() + ")"
								+ note.gold().stream().filter(g -> g.start() < s.end() && s.start() < g.end()).map(g -> " gold " + g.type()).toList());
					}
				}
			}
		}
	}

}
