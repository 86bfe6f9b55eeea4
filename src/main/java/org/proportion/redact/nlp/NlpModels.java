package org.proportion.redact.nlp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import opennlp.tools.namefind.TokenNameFinderModel;
import opennlp.tools.sentdetect.SentenceModel;
import opennlp.tools.tokenize.TokenizerModel;

/**
 * The OpenNLP models, loaded once: sentence and token models from Maven Central's
 * opennlp-models jars, and the project's own name finder, trained by {@code ./proportion train}.
 */
public final class NlpModels {

	static final String SENTENCES = "/opennlp-en-ud-ewt-sentence-1.3-2.5.4.bin";

	static final String TOKENS = "/opennlp-en-ud-ewt-tokens-1.3-2.5.4.bin";

	public static final String NAME_FINDER_FILE = "proportion-ner-en.bin";

	private NlpModels() {
	}

	public static SentenceModel sentences() {
		try (InputStream in = resource(SENTENCES)) {
			return new SentenceModel(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Sentence model could not be read", ex);
		}
	}

	public static TokenizerModel tokens() {
		try (InputStream in = resource(TOKENS)) {
			return new TokenizerModel(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Token model could not be read", ex);
		}
	}

	/** The trained name finder; a missing model is an error, so notes are withheld, not leaked. */
	public static TokenNameFinderModel nameFinder(Path folder) {
		Path file = folder.resolve(NAME_FINDER_FILE);
		if (!Files.isReadable(file)) {
			throw new IllegalStateException("Name finder model missing at " + file + ": run ./proportion train");
		}
		try (InputStream in = Files.newInputStream(file)) {
			return new TokenNameFinderModel(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Name finder model could not be read", ex);
		}
	}

	private static InputStream resource(String name) {
		InputStream in = NlpModels.class.getResourceAsStream(name);
		if (in == null) {
			throw new IllegalStateException("OpenNLP model missing from the classpath: " + name);
		}
		return in;
	}

}
