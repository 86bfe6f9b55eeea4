package org.proportion.redact.eval;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.proportion.redact.EntityType;
import org.proportion.redact.RedactionConfig;
import org.proportion.redact.RedactionEngine;
import org.proportion.redact.ScanContext;
import org.proportion.redact.Span;
import org.proportion.redact.nlp.NameFinderRecognizer;
import org.proportion.redact.nlp.NlpModels;
import org.proportion.redact.train.AnnotatedCorpora;

/**
 * {@code ./proportion eval [--write DIR] [--misses TYPE]}: the engine's figures, per dataset and
 * type, by the project's scoring rules ({@link Scorer}, the same as score.py): (a) the dev set,
 * which tuning was allowed on; (b) the held-out case notes, when the file is present (scored once,
 * by the lead); (c) BTC dev and UNER English-EWT dev, never trained or tuned on, through the
 * whole engine, with the name finder alone beside it for PERSON. {@code --write DIR} also writes
 * each dataset's gold and findings in score.py's input format (code-point offsets), so the
 * figures can be cross-checked with it.
 */
public final class EvalMain {

	private EvalMain() {
	}

	record Dataset(String key, String title, List<AnnotatedNote> notes, Set<EntityType> types) {
	}

	public static void main(String[] args) throws IOException {
		Path project = Path.of(args.length > 0 ? args[0] : ".");
		Path models = Path.of(args.length > 1 ? args[1] : ".tools/models");
		Path write = null;
		EntityType misses = null;
		for (int i = 2; i + 1 < args.length; i += 2) {
			switch (args[i]) {
				case "--write" -> write = Path.of(args[i + 1]);
				case "--misses" -> misses = EntityType.valueOf(args[i + 1]);
				default -> throw new IllegalArgumentException("unknown option " + args[i]);
			}
		}
		Path corpora = project.resolve(AnnotatedCorpora.FOLDER);
		Path resources = project.resolve("src/test/resources/redaction");
		List<Dataset> datasets = new ArrayList<>();
		List<AnnotatedNote> dev = Evaluation.read(resources.resolve("dev-notes.jsonl"));
		datasets.add(new Dataset("dev-notes", "(a) dev set: " + dev.size() + " hand-written case notes (lists and rules were tuned on it)",
				dev, null));
		Path heldout = resources.resolve("heldout-notes.jsonl");
		if (Files.isReadable(heldout)) {
			List<AnnotatedNote> notes = Evaluation.read(heldout);
			datasets.add(new Dataset("heldout-notes", "(b) held-out case notes: " + notes.size() + " notes, written after tuning froze",
					notes, null));
		}
		else {
			System.out.println("(b) held-out case notes: " + heldout + " not present, skipped\n");
		}
		List<AnnotatedNote> btc = PublicSets.btcDev(corpora);
		datasets.add(new Dataset("btc-dev", "(c) BTC dev: " + btc.size() + " tweets, never trained or tuned on", btc, PublicSets.TYPES));
		List<AnnotatedNote> uner = PublicSets.unerDev(corpora);
		datasets.add(new Dataset("uner-ewt-dev", "(c) UNER English-EWT dev: " + uner.size() + " web documents, never trained or tuned on",
				uner, PublicSets.TYPES));

		RedactionEngine engine = new RedactionEngine(models);
		NameFinderRecognizer nameFinder = new NameFinderRecognizer(NlpModels.sentences(), NlpModels.tokens(),
				NlpModels.nameFinder(models));
		double threshold = RedactionConfig.load(RedactionEngine.CONFIG).entry("name-finder").threshold();
		if (write != null) {
			Files.createDirectories(write);
		}
		for (Dataset set : datasets) {
			List<Scorer.Doc> docs = Evaluation.analyse(engine, set.notes());
			Scorer.Result result = Scorer.score(docs, set.types());
			System.out.println("== " + set.title());
			System.out.print(result.table());
			if (write != null) {
				writeGold(write.resolve(set.key() + ".gold.jsonl"), docs);
				writeFound(write.resolve(set.key() + ".engine.jsonl"), docs);
			}
			if (set.types() != null) {
				List<Scorer.Doc> alone = new ArrayList<>();
				for (AnnotatedNote note : set.notes()) {
					List<Span> spans = nameFinder.find(note.text(), ScanContext.NONE)
						.stream()
						.filter(s -> s.score() >= threshold)
						.toList();
					alone.add(Evaluation.doc(note, spans));
				}
				Scorer.Counts nf = Scorer.score(alone, Set.of(EntityType.PERSON)).of(EntityType.PERSON);
				Scorer.Counts all = Scorer.score(docs, Set.of(EntityType.PERSON)).of(EntityType.PERSON);
				System.out.printf(Locale.ROOT, "PERSON         %8s %8s %8s %7s %6s %8s %8s%n", "full-rec", "part-rec", "typed-rec",
						"leak", "found", "prec", "typed-p");
				System.out.print(personRow("name finder", nf));
				System.out.print(personRow("whole engine", all));
				if (write != null) {
					writeFound(write.resolve(set.key() + ".name-finder.jsonl"), alone);
				}
				printPersonSources(docs);
				printWithoutBareMentions(docs, set.types());
			}
			System.out.println();
			if (misses != null) {
				printMisses(docs, misses);
			}
		}
		if (write != null) {
			System.out.println("Scorer files in " + write + "; cross-check with e.g.\n  python3 /work/shared/eval-tools/score.py "
					+ write.resolve("uner-ewt-dev.gold.jsonl") + " " + write.resolve("uner-ewt-dev.engine.jsonl")
					+ " --types PERSON,LOCATION,ORGANIZATION");
		}
	}

	private static String personRow(String name, Scorer.Counts c) {
		return String.format(Locale.ROOT, "  %-12s %8s %8s %8s %7s %6d %8s %8s%n", name, Scorer.pct(c.recall()),
				Scorer.pct(c.partialRecall()), Scorer.pct(c.typedRecall()), Scorer.pct(c.leak()), c.found(),
				Scorer.pct(c.precision()), Scorer.pct(c.typedPrecision()));
	}

	/** Which recognisers the engine's PERSON findings come from, and how often they are a person. */
	private static void printPersonSources(List<Scorer.Doc> docs) {
		Map<String, int[]> bySource = new java.util.TreeMap<>();
		for (Scorer.Doc doc : docs) {
			for (Scorer.Mark f : doc.found()) {
				if (f.type() == EntityType.PERSON) {
					int[] c = bySource.computeIfAbsent(String.valueOf(f.source()), k -> new int[3]);
					c[0]++;
					if (doc.gold().stream().anyMatch(g -> g.overlaps(f) && g.type() == EntityType.PERSON)) {
						c[1]++;
					}
					else if (doc.gold().stream().anyMatch(g -> g.overlaps(f))) {
						c[2]++;
					}
				}
			}
		}
		StringBuilder out = new StringBuilder("  engine's PERSON findings by recogniser (n: a person / another name / no name):");
		bySource.forEach((source, c) -> out.append(String.format(Locale.ROOT, " %s %d: %d/%d/%d;", source, c[0], c[1], c[2],
				c[0] - c[1] - c[2])));
		System.out.println(out);
	}

	/**
	 * The Broad Twitter Corpus replaced user names with a bare "@", still labelled as a name:
	 * nothing personal is left in them to redact, so the figures are also given without them.
	 */
	private static void printWithoutBareMentions(List<Scorer.Doc> docs, Set<EntityType> types) {
		List<Scorer.Doc> kept = new ArrayList<>();
		int dropped = 0;
		for (Scorer.Doc doc : docs) {
			List<Scorer.Mark> gold = doc.gold().stream().filter(g -> !doc.text().substring(g.start(), g.end()).strip().equals("@")).toList();
			dropped += doc.gold().size() - gold.size();
			kept.add(new Scorer.Doc(doc.id(), doc.text(), gold, doc.found()));
		}
		if (dropped == 0) {
			return;
		}
		Scorer.Result result = Scorer.score(kept, types);
		System.out.printf(Locale.ROOT, "  without the %d anonymised bare \"@\" mentions: PERSON full-rec %s, part-rec %s, typed-p %s; ALL full-rec %s, leak %s%n",
				dropped, Scorer.pct(result.of(EntityType.PERSON).recall()), Scorer.pct(result.of(EntityType.PERSON).partialRecall()),
				Scorer.pct(result.of(EntityType.PERSON).typedPrecision()), Scorer.pct(result.overall().recall()),
				Scorer.pct(result.overall().leak()));
	}

	/** Debugging aid for the dev set: gold spans of a type not fully covered, and stray findings. */
	private static void printMisses(List<Scorer.Doc> docs, EntityType type) {
		for (Scorer.Doc doc : docs) {
			for (Scorer.Mark g : doc.gold()) {
				if (g.type() == type && Scorer.score(List.of(new Scorer.Doc(doc.id(), doc.text(), List.of(g), doc.found())), null)
					.of(type)
					.recall() < 1) {
					System.out.println("MISS " + doc.id() + ": " + doc.text().substring(g.start(), g.end()));
				}
			}
			for (Scorer.Mark f : doc.found()) {
				if (f.type() == type && doc.gold().stream().noneMatch(g -> g.overlaps(f))) {
					System.out.println("FALSE " + doc.id() + ": " + doc.text().substring(f.start(), f.end()));
				}
			}
		}
	}

	private static void writeGold(Path file, List<Scorer.Doc> docs) throws IOException {
		ObjectMapper json = new ObjectMapper();
		try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			for (Scorer.Doc doc : docs) {
				List<Map<String, Object>> spans = new ArrayList<>();
				for (Scorer.Mark g : doc.gold()) {
					Map<String, Object> span = mark(doc.text(), g);
					span.put("text", doc.text().substring(g.start(), g.end()));
					spans.add(span);
				}
				Map<String, Object> line = new LinkedHashMap<>();
				line.put("id", doc.id());
				line.put("text", doc.text());
				line.put("spans", spans);
				out.write(json.writeValueAsString(line) + "\n");
			}
		}
	}

	private static void writeFound(Path file, List<Scorer.Doc> docs) throws IOException {
		ObjectMapper json = new ObjectMapper();
		try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			for (Scorer.Doc doc : docs) {
				Map<String, Object> line = new LinkedHashMap<>();
				line.put("id", doc.id());
				line.put("entities", doc.found().stream().map(f -> mark(doc.text(), f)).toList());
				out.write(json.writeValueAsString(line) + "\n");
			}
		}
	}

	/** Type and offsets in code points, the scorer's unit. */
	private static Map<String, Object> mark(String text, Scorer.Mark m) {
		Map<String, Object> span = new LinkedHashMap<>();
		span.put("type", m.type().name());
		span.put("start", text.codePointCount(0, m.start()));
		span.put("end", text.codePointCount(0, m.end()));
		return span;
	}

}
