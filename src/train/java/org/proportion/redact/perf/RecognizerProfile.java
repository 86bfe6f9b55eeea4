package org.proportion.redact.perf;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.proportion.redact.Recognizer;
import org.proportion.redact.RedactionEngine;
import org.proportion.redact.ScanContext;
import opennlp.tools.namefind.NameSample;
import opennlp.tools.tokenize.WhitespaceTokenizer;
import org.proportion.redact.train.TrainingCorpus;

/**
 * {@code ./proportion profile}: milliseconds per note each recogniser spends on the bench's notes,
 * to find the one that makes the engine slow, and the whole engine's notes per CPU-second of one
 * thread (a figure that holds on a machine shared with other work, where wall-clock rates do not).
 * A command, not a test.
 */
public final class RecognizerProfile {

	private RecognizerProfile() {
	}

	/** Notes of about 130 words from the generated corpus (seed 7), as the bench makes them. */
	public static List<String> notes(int count) {
		List<String> notes = new java.util.ArrayList<>();
		StringBuilder note = new StringBuilder();
		int words = 0;
		for (NameSample sentence : new TrainingCorpus(7, WhitespaceTokenizer.INSTANCE).samples(count * 20)) {
			note.append(String.join(" ", sentence.getSentence())).append(' ');
			words += sentence.getSentence().length;
			if (words >= 130) {
				notes.add(note.toString().strip());
				note.setLength(0);
				words = 0;
				if (notes.size() == count) {
					break;
				}
			}
		}
		return notes;
	}

	public static void main(String[] args) {
		RedactionEngine engine = new RedactionEngine(Path.of(args.length > 0 ? args[0] : ".tools/models"));
		List<String> notes = notes(300);
		for (Recognizer recognizer : engine.analyzer().recognizers()) {
			for (String note : notes.subList(0, 50)) {
				recognizer.find(note, ScanContext.NONE);
			}
			long start = System.nanoTime();
			for (String note : notes) {
				recognizer.find(note, ScanContext.NONE);
			}
			System.out.printf(Locale.ROOT, "%-20s %8.3f ms/note%n", recognizer.name(),
					(System.nanoTime() - start) / 1e6 / notes.size());
		}
		long start = System.nanoTime();
		for (String note : notes) {
			engine.analyze(note, ScanContext.NONE);
		}
		System.out.printf(Locale.ROOT, "%-20s %8.3f ms/note%n", "whole engine", (System.nanoTime() - start) / 1e6 / notes.size());
		// CPU time of this thread alone: what a note costs whatever else the machine is doing.
		java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
		List<String> more = notes(1000);
		for (int round = 0; round < 2; round++) {
			long cpu = threads.getCurrentThreadCpuTime();
			for (String note : more) {
				engine.analyze(note, ScanContext.NONE);
			}
			double seconds = (threads.getCurrentThreadCpuTime() - cpu) / 1e9;
			System.out.printf(Locale.ROOT, "whole engine, round %d: %.0f notes per CPU-second (%d notes of ~130 words)%n", round + 1,
					more.size() / seconds, more.size());
		}
	}

}
