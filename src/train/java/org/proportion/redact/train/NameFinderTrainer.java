package org.proportion.redact.train;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import opennlp.tools.dictionary.Dictionary;
import opennlp.tools.namefind.BioCodec;
import opennlp.tools.namefind.NameFinderME;
import opennlp.tools.namefind.NameSample;
import opennlp.tools.namefind.TokenNameFinderFactory;
import opennlp.tools.namefind.TokenNameFinderModel;
import opennlp.tools.tokenize.TokenizerME;
import opennlp.tools.util.ObjectStreamUtils;
import opennlp.tools.util.StringList;
import opennlp.tools.util.TrainingParameters;
import org.proportion.redact.NameLists;
import org.proportion.redact.nlp.NlpModels;

/**
 * Trains the project's name finder (person, location, organization) from the generated
 * case-note corpus and the human-annotated public corpora (Broad Twitter Corpus train split,
 * WNUT 2017 dev), so it learns names in text nobody on the team wrote. Same seed, same files,
 * same model: {@code ./proportion train} rebuilds what the gateway loads. The configuration is
 * {@link #CHOSEN}, picked by {@link NameFinderExperiment} on a slice of the training data only.
 */
public final class NameFinderTrainer {

	public static final long SEED = 20261126L;

	public static final int SENTENCES = 20_000;

	/** Dictionary resources the gazetteer features read; carried inside the model file. */
	static final String FIRST_NAMES = "first-names.dictionary";

	static final String SURNAMES = "surnames.dictionary";

	/**
	 * One way to train: which feature blocks, which trainer. Blocks are written into the model's
	 * feature descriptor, so the gateway decodes with exactly the features it was trained with.
	 */
	public record Config(String name, List<FeatureBlock> features, String algorithm, int iterations) {

		public String featureXml() {
			StringBuilder xml = new StringBuilder("<featureGenerators cache=\"true\" name=\"nameFinder\">\n");
			features.forEach(f -> xml.append(f.xml));
			return xml.append("</featureGenerators>\n").toString();
		}

		boolean usesNameLists() {
			return features.contains(FeatureBlock.NAME_LISTS);
		}

	}

	/** Feature blocks, each an OpenNLP feature generator description. */
	public enum FeatureBlock {

		/** OpenNLP's defaults: tokens and token classes in a window of two, previous outcomes, bigrams, sentence start. */
		BASE(window(2, 2, "<generator class=\"opennlp.tools.util.featuregen.TokenClassFeatureGeneratorFactory\"/>")
				+ window(2, 2,
						"<generator class=\"opennlp.tools.util.featuregen.TokenFeatureGeneratorFactory\"><bool name=\"lowercase\">true</bool></generator>")
				+ gen("DefinitionFeatureGeneratorFactory") + gen("PreviousMapFeatureGeneratorFactory")
				+ gen("BigramNameFeatureGeneratorFactory")
				+ "  <generator class=\"opennlp.tools.util.featuregen.SentenceFeatureGeneratorFactory\"><bool name=\"begin\">true</bool><bool name=\"end\">false</bool></generator>\n"),
		/** Prefixes and suffixes up to four letters: names never seen, recognised by their shape. */
		AFFIXES("  <generator class=\"opennlp.tools.util.featuregen.PrefixFeatureGeneratorFactory\"><int name=\"length\">4</int></generator>\n"
				+ "  <generator class=\"opennlp.tools.util.featuregen.SuffixFeatureGeneratorFactory\"><int name=\"length\">4</int></generator>\n"),
		/** Character 2- to 4-grams of the token. */
		CHAR_NGRAMS("  <generator class=\"opennlp.tools.util.featuregen.CharacterNgramFeatureGeneratorFactory\"><int name=\"min\">2</int><int name=\"max\">4</int></generator>\n"),
		/** Word shape: token class joined with the word, and the pattern of a token's parts. */
		SHAPE(window(1, 1,
				"<generator class=\"opennlp.tools.util.featuregen.TokenClassFeatureGeneratorFactory\"><bool name=\"wordAndClass\">true</bool></generator>")
				+ gen("TokenPatternFeatureGeneratorFactory")),
		/** Gazetteer membership: the word, or a word beside it, is in the project's first-name or surname lists (any case). */
		NAME_LISTS(window(1, 1,
				"<generator class=\"opennlp.tools.util.featuregen.DictionaryFeatureGeneratorFactory\"><str name=\"dict\">"
						+ FIRST_NAMES + "</str><str name=\"prefix\">fn</str></generator>")
				+ window(1, 1,
						"<generator class=\"opennlp.tools.util.featuregen.DictionaryFeatureGeneratorFactory\"><str name=\"dict\">"
								+ SURNAMES + "</str><str name=\"prefix\">sn</str></generator>"));

		final String xml;

		FeatureBlock(String xml) {
			this.xml = xml;
		}

		private static String gen(String factory) {
			return "  <generator class=\"opennlp.tools.util.featuregen." + factory + "\"/>\n";
		}

		private static String window(int prev, int next, String inner) {
			return "  <generator class=\"opennlp.tools.util.featuregen.WindowFeatureGeneratorFactory\"><int name=\"prevLength\">"
					+ prev + "</int><int name=\"nextLength\">" + next + "</int>" + inner + "</generator>\n";
		}

	}

	/** The configuration ./proportion train uses; see the README for how it was chosen. */
	public static final Config CHOSEN = new Config("maxent+affixes+name-lists",
			List.of(FeatureBlock.BASE, FeatureBlock.AFFIXES, FeatureBlock.NAME_LISTS), "MAXENT", 120);

	private NameFinderTrainer() {
	}

	/** The generated case-note sentences, from the fixed seed. */
	static List<NameSample> generated(int count) {
		return new TrainingCorpus(SEED, new TokenizerME(NlpModels.tokens())).samples(count);
	}

	/** Documents as training samples; adaptive data is cleared at each document's start. */
	public static List<NameSample> samples(List<AnnotatedCorpora.Document> documents) {
		List<NameSample> samples = new ArrayList<>();
		for (AnnotatedCorpora.Document document : documents) {
			boolean first = true;
			for (AnnotatedCorpora.Sentence sentence : document.sentences()) {
				samples.add(new NameSample(sentence.tokens(), sentence.names().toArray(opennlp.tools.util.Span[]::new), first));
				first = false;
			}
		}
		return samples;
	}

	/** Everything ./proportion train learns from: generated notes, BTC train, WNUT 2017 dev. */
	static List<NameSample> allTraining(Path corpora) throws IOException {
		return training(AnnotatedCorpora.readConll(corpora.resolve(AnnotatedCorpora.BTC_TRAIN), "btc-train-"),
				AnnotatedCorpora.readConll(corpora.resolve(AnnotatedCorpora.WNUT_DEV), "wnut-dev-"));
	}

	/**
	 * The generated notes plus the given public documents as annotated. (Filling BTC's bare "@"
	 * mentions with handles and adding case variants, {@link PublicTextVariants}, was tried and
	 * lost on the selection slice: PERSON F 0.47 against 0.66; see the README.)
	 */
	static List<NameSample> training(List<AnnotatedCorpora.Document> btc, List<AnnotatedCorpora.Document> wnut) {
		List<NameSample> samples = new ArrayList<>(generated(SENTENCES));
		samples.addAll(samples(btc));
		samples.addAll(samples(wnut));
		return samples;
	}

	/** The rejected recipe, kept to reproduce the comparison: handles filled, case variants added. */
	static List<NameSample> trainingWithVariants(List<AnnotatedCorpora.Document> btc, List<AnnotatedCorpora.Document> wnut) {
		List<NameSample> samples = new ArrayList<>(generated(SENTENCES));
		PublicTextVariants variants = new PublicTextVariants(SEED);
		samples.addAll(variants.of(btc));
		samples.addAll(variants.of(wnut));
		return samples;
	}

	public static TokenNameFinderModel train(Config config, List<NameSample> samples) throws IOException {
		TrainingParameters params = TrainingParameters.defaultParams();
		params.put(TrainingParameters.ALGORITHM_PARAM, config.algorithm());
		params.put(TrainingParameters.ITERATIONS_PARAM, config.iterations());
		params.put(TrainingParameters.CUTOFF_PARAM, 2);
		params.put(TrainingParameters.THREADS_PARAM, 2);
		Map<String, Object> resources = config.usesNameLists() ? nameListResources() : Map.of();
		TokenNameFinderFactory factory = new TokenNameFinderFactory(config.featureXml().getBytes(StandardCharsets.UTF_8),
				resources, new BioCodec());
		return NameFinderME.train("en", null, ObjectStreamUtils.createObjectStream(samples), params, factory);
	}

	/** The project's first-name and surname lists as case-insensitive OpenNLP dictionaries. */
	static Map<String, Object> nameListResources() {
		NameLists names = NameLists.load();
		Map<String, Object> resources = new HashMap<>();
		resources.put(FIRST_NAMES, dictionary(names.firstNames()));
		resources.put(SURNAMES, dictionary(names.surnames()));
		return resources;
	}

	private static Dictionary dictionary(List<String> entries) {
		Dictionary dictionary = new Dictionary(false);
		for (String entry : entries) {
			String[] words = entry.toLowerCase(Locale.ROOT).trim().split("\\s+");
			if (words.length > 0 && !words[0].isEmpty()) {
				dictionary.put(new StringList(words));
			}
		}
		return dictionary;
	}

	public static Path train(Path folder, Path corpora) throws IOException {
		TokenNameFinderModel model = train(CHOSEN, allTraining(corpora));
		Files.createDirectories(folder);
		Path target = folder.resolve(NlpModels.NAME_FINDER_FILE);
		Path partial = folder.resolve(NlpModels.NAME_FINDER_FILE + ".part");
		try (OutputStream out = Files.newOutputStream(partial)) {
			model.serialize(out);
		}
		// Replace the model in one step, so a running gateway never reads half a file.
		Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		return target;
	}

	/** Arguments: the models folder, the corpora folder (default src/train/corpora). */
	public static void main(String[] args) throws IOException {
		long start = System.nanoTime();
		Path out = train(Path.of(args.length > 0 ? args[0] : ".tools/models"),
				Path.of(args.length > 1 ? args[1] : AnnotatedCorpora.FOLDER));
		System.out.printf(Locale.ROOT, "Name finder (%s) written to %s in %.0f s%n", CHOSEN.name(), out,
				(System.nanoTime() - start) / 1e9);
	}

}
