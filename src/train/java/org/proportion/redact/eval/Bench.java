package org.proportion.redact.eval;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import opennlp.tools.namefind.NameSample;
import opennlp.tools.tokenize.WhitespaceTokenizer;
import org.proportion.bench.HeapPeaks;
import org.proportion.redact.RedactionEngine;
import org.proportion.redact.ScanContext;
import org.proportion.redact.train.TrainingCorpus;

/**
 * {@code ./proportion bench}: how fast the redaction engine scans, measured as a command, not a
 * test. 1,000 generated notes of about 130 words (a seed other than training's), warmed up,
 * then scanned for ten seconds on one thread and on two; peak heap and model load time.
 */
public final class Bench {

	private static final int NOTES = 1000;

	private static final long SECONDS = 10;

	private Bench() {
	}

	public static void main(String[] args) throws Exception {
		Path models = Path.of(args.length > 0 ? args[0] : ".tools/models");
		long loadStart = System.nanoTime();
		RedactionEngine engine = new RedactionEngine(models);
		engine.analyzer();
		double loadSeconds = (System.nanoTime() - loadStart) / 1e9;

		List<String> notes = notes();
		double words = notes.stream().mapToInt(n -> n.split("\\s+").length).average().orElse(0);
		for (String note : notes) {
			engine.analyze(note, ScanContext.NONE);
		}
		HeapPeaks.reset();
		double one = rate(engine, notes, 1);
		double two = rate(engine, notes, 2);
		System.out.printf(Locale.ROOT, "notes: %d of %.0f words on average (seed 7, not the training seed)%n", notes.size(), words);
		System.out.printf(Locale.ROOT, "model load (name lists, OpenNLP models, recognisers): %.2f s%n", loadSeconds);
		System.out.printf(Locale.ROOT, "1 thread:  %.0f notes/s%n", one);
		System.out.printf(Locale.ROOT, "2 threads: %.0f notes/s%n", two);
		System.out.printf(Locale.ROOT, "peak heap while scanning: %d MB (max heap %d MB)%n", HeapPeaks.megabytes(),
				Runtime.getRuntime().maxMemory() / (1024 * 1024));
	}

	private static double rate(RedactionEngine engine, List<String> notes, int threads) throws Exception {
		AtomicLong done = new AtomicLong();
		long end = System.nanoTime() + SECONDS * 1_000_000_000L;
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		long start = System.nanoTime();
		List<Future<?>> workers = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			int offset = t;
			workers.add(pool.submit(() -> {
				int i = offset;
				while (System.nanoTime() < end) {
					engine.analyze(notes.get(i % notes.size()), ScanContext.NONE);
					done.incrementAndGet();
					i += threads;
				}
			}));
		}
		for (Future<?> worker : workers) {
			worker.get();
		}
		pool.shutdown();
		return done.get() / ((System.nanoTime() - start) / 1e9);
	}

	/** Notes of about 130 words, made of the corpus's sentences. */
	static List<String> notes() {
		TrainingCorpus corpus = new TrainingCorpus(7, WhitespaceTokenizer.INSTANCE);
		List<NameSample> sentences = corpus.samples(NOTES * 20);
		List<String> notes = new ArrayList<>();
		StringBuilder note = new StringBuilder();
		for (NameSample sentence : sentences) {
			note.append(String.join(" ", sentence.getSentence())).append(' ');
			if (note.toString().split("\\s+").length >= 130) {
				notes.add(note.toString().strip());
				note.setLength(0);
				if (notes.size() == NOTES) {
					break;
				}
			}
		}
		return notes;
	}

}
