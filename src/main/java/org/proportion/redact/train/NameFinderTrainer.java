package org.proportion.redact.train;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

import opennlp.tools.namefind.BioCodec;
import opennlp.tools.namefind.NameFinderME;
import opennlp.tools.namefind.NameSample;
import opennlp.tools.namefind.TokenNameFinderFactory;
import opennlp.tools.namefind.TokenNameFinderModel;
import opennlp.tools.tokenize.TokenizerME;
import opennlp.tools.util.ObjectStreamUtils;
import opennlp.tools.util.TrainingParameters;
import org.proportion.redact.nlp.NlpModels;

/**
 * Trains the project's name finder (person, location, organization) from the generated corpus.
 * Same seed, same corpus: {@code ./proportion train} rebuilds the model the gateway loads.
 */
public final class NameFinderTrainer {

	public static final long SEED = 20261126L;

	public static final int SENTENCES = 20_000;

	private NameFinderTrainer() {
	}

	public static Path train(Path folder) throws IOException {
		List<NameSample> samples = new TrainingCorpus(SEED, new TokenizerME(NlpModels.tokens())).samples(SENTENCES);
		TrainingParameters params = TrainingParameters.defaultParams();
		params.put(TrainingParameters.ALGORITHM_PARAM, "MAXENT");
		params.put(TrainingParameters.ITERATIONS_PARAM, 120);
		params.put(TrainingParameters.CUTOFF_PARAM, 2);
		params.put(TrainingParameters.THREADS_PARAM, 2);
		byte[] features;
		try (InputStream in = NameFinderTrainer.class.getClassLoader()
			.getResourceAsStream("redaction/training/features.xml")) {
			features = in.readAllBytes();
		}
		TokenNameFinderFactory factory = new TokenNameFinderFactory(features, Map.of(), new BioCodec());
		TokenNameFinderModel model = NameFinderME.train("en", null, ObjectStreamUtils.createObjectStream(samples), params,
				factory);
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

	public static void main(String[] args) throws IOException {
		Path out = train(Path.of(args.length > 0 ? args[0] : ".tools/models"));
		System.out.println("Name finder written to " + out);
	}

}
