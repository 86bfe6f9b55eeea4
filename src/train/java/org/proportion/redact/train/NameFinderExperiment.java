package org.proportion.redact.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import opennlp.tools.namefind.NameFinderME;
import opennlp.tools.namefind.NameSample;
import opennlp.tools.namefind.TokenNameFinderModel;
import opennlp.tools.util.Span;
import org.proportion.redact.train.NameFinderTrainer.Config;
import org.proportion.redact.train.NameFinderTrainer.FeatureBlock;

/**
 * {@code ./proportion train --compare}: how the configuration in {@link NameFinderTrainer#CHOSEN}
 * was picked, on training data only. Each candidate is trained on the generated corpus, the
 * other 90% of the BTC train split and WNUT 2017 dev, and scored on every tenth BTC train tweet
 * (the "selection slice"), so that btc.dev and UNER dev stay untouched for reporting. Exact
 * span match per type, as OpenNLP's evaluator counts it, and decoding time per sentence.
 */
public final class NameFinderExperiment {

	static final List<FeatureBlock> DEFAULT = List.of(FeatureBlock.BASE, FeatureBlock.AFFIXES);

	static final List<Config> CANDIDATES = List.of(new Config("maxent, default+affixes (previous model)", DEFAULT, "MAXENT", 120),
			new Config("maxent, +name lists", plus(DEFAULT, FeatureBlock.NAME_LISTS), "MAXENT", 120),
			new Config("maxent, +name lists+shape+char n-grams",
					plus(DEFAULT, FeatureBlock.NAME_LISTS, FeatureBlock.SHAPE, FeatureBlock.CHAR_NGRAMS), "MAXENT", 120),
			new Config("perceptron, +name lists", plus(DEFAULT, FeatureBlock.NAME_LISTS), "PERCEPTRON", 300),
			new Config("perceptron, +name lists+shape+char n-grams",
					plus(DEFAULT, FeatureBlock.NAME_LISTS, FeatureBlock.SHAPE, FeatureBlock.CHAR_NGRAMS), "PERCEPTRON", 300));

	private NameFinderExperiment() {
	}

	private static List<FeatureBlock> plus(List<FeatureBlock> base, FeatureBlock... more) {
		List<FeatureBlock> all = new ArrayList<>(base);
		all.addAll(Arrays.asList(more));
		return all;
	}

	/** Exact-match counts per type. */
	static final class Score {

		final Map<String, int[]> byType = new LinkedHashMap<>();

		void add(Span[] gold, Span[] found) {
			for (Span g : gold) {
				int[] c = byType.computeIfAbsent(g.getType(), t -> new int[3]);
				c[0]++;
				if (Arrays.stream(found).anyMatch(f -> f.equals(g))) {
					c[2]++;
				}
			}
			for (Span f : found) {
				byType.computeIfAbsent(f.getType(), t -> new int[3])[1]++;
			}
		}

		double[] prf(String type) {
			int[] c = type == null ? byType.values().stream().reduce(new int[3], (a, b) -> new int[] { a[0] + b[0], a[1] + b[1], a[2] + b[2] })
					: byType.getOrDefault(type, new int[3]);
			double p = c[1] == 0 ? 0 : (double) c[2] / c[1];
			double r = c[0] == 0 ? 0 : (double) c[2] / c[0];
			return new double[] { p, r, p + r == 0 ? 0 : 2 * p * r / (p + r), c[0] };
		}

		String line(String name) {
			StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-48s", name));
			for (String type : new String[] { "person", "location", "organization", null }) {
				double[] s = prf(type);
				out.append(String.format(Locale.ROOT, " | %s P %.3f R %.3f F %.3f", type == null ? "all" : type.substring(0, 3), s[0],
						s[1], s[2]));
			}
			return out.toString();
		}

	}

	/**
	 * Arguments: corpora folder; optionally the candidate numbers to run ("1,3"); optionally
	 * "variants" to train with the handle and case variants of the public text (rejected).
	 */
	public static void main(String[] args) throws IOException {
		Path corpora = Path.of(args.length > 0 ? args[0] : AnnotatedCorpora.FOLDER);
		List<String> only = args.length > 1 ? Arrays.asList(args[1].split(",")) : List.of();
		double threshold = 0.6;
		List<AnnotatedCorpora.Document> btc = AnnotatedCorpora.readConll(corpora.resolve(AnnotatedCorpora.BTC_TRAIN), "btc-train-");
		List<AnnotatedCorpora.Document> wnut = AnnotatedCorpora.readConll(corpora.resolve(AnnotatedCorpora.WNUT_DEV), "wnut-dev-");
		List<AnnotatedCorpora.Document> fit = new ArrayList<>();
		List<AnnotatedCorpora.Document> held = new ArrayList<>();
		for (int i = 0; i < btc.size(); i++) {
			(i % 10 == 9 ? held : fit).add(btc.get(i));
		}
		boolean variants = args.length > 2 && args[2].equals("variants");
		List<NameSample> train = variants ? NameFinderTrainer.trainingWithVariants(fit, wnut) : NameFinderTrainer.training(fit, wnut);
		// The slice as annotated (anonymised "@" mentions), with handles filled as in training, and in lower case.
		Map<String, List<NameSample>> slices = new LinkedHashMap<>();
		slices.put("slice", NameFinderTrainer.samples(held));
		List<NameSample> filled = new PublicTextVariants(7).of(held, false);
		slices.put("slice, handles filled", filled);
		slices.put("slice, handles filled, lower case", filled.stream()
			.map(s -> new NameSample(PublicTextVariants.cased(s.getSentence(), false), s.getNames(), s.isClearAdaptiveDataSet()))
			.toList());
		System.out.printf(Locale.ROOT, "training sentences %d (%s); selection slice: every 10th BTC train tweet, %d of %d; spans kept at p >= %.1f%n",
				train.size(), variants ? "with handle and case variants" : "as annotated", held.size(), btc.size(), threshold);

		Map<String, Map<String, List<Span[]>>> outputs = new LinkedHashMap<>();
		for (int i = 0; i < CANDIDATES.size(); i++) {
			if (!only.isEmpty() && !only.contains(String.valueOf(i))) {
				continue;
			}
			Config config = CANDIDATES.get(i);
			long t0 = System.nanoTime();
			TokenNameFinderModel model = NameFinderTrainer.train(config, train);
			double trainSeconds = (System.nanoTime() - t0) / 1e9;
			NameFinderME finder = new NameFinderME(model);
			String key = i + ": " + config.name() + (variants ? " [variants]" : "");
			for (Map.Entry<String, List<NameSample>> slice : slices.entrySet()) {
				Score score = new Score();
				List<Span[]> found = new ArrayList<>();
				long t1 = System.nanoTime();
				for (NameSample sample : slice.getValue()) {
					Span[] kept = find(finder, sample, threshold);
					found.add(kept);
					score.add(sample.getNames(), kept);
				}
				double msPerSentence = (System.nanoTime() - t1) / 1e6 / slice.getValue().size();
				outputs.computeIfAbsent(slice.getKey(), k -> new LinkedHashMap<>()).put(key, found);
				System.out.println(score.line(key + " / " + slice.getKey()));
				System.out.printf(Locale.ROOT, "    trained in %.0f s; %.2f ms per tweet decoding%n", trainSeconds, msPerSentence);
			}
		}
		// Ensembles: the union of two models' names (a name one of them finds is redacted).
		for (Map.Entry<String, List<NameSample>> slice : slices.entrySet()) {
			List<String> keys = new ArrayList<>(outputs.get(slice.getKey()).keySet());
			for (int a = 0; a < keys.size(); a++) {
				for (int b = a + 1; b < keys.size(); b++) {
					Score score = new Score();
					for (int s = 0; s < slice.getValue().size(); s++) {
						score.add(slice.getValue().get(s).getNames(), union(outputs.get(slice.getKey()).get(keys.get(a)).get(s),
								outputs.get(slice.getKey()).get(keys.get(b)).get(s)));
					}
					System.out.println(score.line("union " + keys.get(a).substring(0, 1) + "+" + keys.get(b).substring(0, 1) + " / " + slice.getKey()));
				}
			}
		}
	}

	private static Span[] find(NameFinderME finder, NameSample sample, double threshold) {
		if (sample.isClearAdaptiveDataSet()) {
			finder.clearAdaptiveData();
		}
		Span[] names = finder.find(sample.getSentence());
		double[] probs = finder.probs(names);
		List<Span> kept = new ArrayList<>();
		for (int k = 0; k < names.length; k++) {
			if (probs[k] >= threshold) {
				kept.add(names[k]);
			}
		}
		return kept.toArray(Span[]::new);
	}

	static Span[] union(Span[] a, Span[] b) {
		List<Span> all = new ArrayList<>(Arrays.asList(a));
		for (Span s : b) {
			if (all.stream().noneMatch(x -> x.intersects(s))) {
				all.add(s);
			}
		}
		return all.toArray(Span[]::new);
	}

}
