package org.proportion.redact.levels;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.proportion.redact.RedactionEngine;
import org.proportion.redact.eval.AnnotatedNote;
import org.proportion.redact.eval.Evaluation;

/**
 * {@code ./proportion levels [notes.jsonl]}: the evaluation table once per sensitivity level the
 * settings define, so a DPO can see what each level buys in recall and costs in precision.
 */
public final class LevelsEvalMain {

	private LevelsEvalMain() {
	}

	public static void main(String[] args) throws IOException {
		Path notesFile = Path.of(args.length > 0 ? args[0] : "src/test/resources/redaction/dev-notes.jsonl");
		Path models = Path.of(args.length > 1 ? args[1] : ".tools/models");
		RedactionEngine engine = new RedactionEngine(models);
		List<AnnotatedNote> notes = Evaluation.read(notesFile);
		for (String level : engine.levels()) {
			System.out.println("== sensitivity: " + level);
			System.out.print(Evaluation.run(engine.atLevel(level), notes).table());
			System.out.println();
		}
	}

}
