package org.proportion.redact;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.proportion.redact.names.NameLists;
import org.proportion.redact.names.PersonNameRecognizer;
import org.proportion.redact.nlp.NameFinderRecognizer;
import org.proportion.redact.nlp.NlpModels;
import org.proportion.redact.places.PlaceRecognizer;
import org.proportion.redact.record.SubjectRecognizer;
import org.proportion.redact.topics.TopicRecognizer;

/**
 * Builds the analyzer from redaction/recognizers.yaml and the models folder, once, on first use.
 * If it cannot be built (a model missing, a bad configuration) every call fails with
 * {@link RedactionUnavailable}, so callers withhold the text instead of passing it through.
 */
public class RedactionEngine {

	public static final String CONFIG = "redaction/recognizers.yaml";

	private final Path models;

	private volatile Analyzer analyzer;

	public RedactionEngine(Path models) {
		this.models = models;
	}

	public Analysis analyze(String text, ScanContext context) {
		try {
			return analyzer().analyze(text, context);
		}
		catch (RedactionUnavailable ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			// Never the text in the message: it is personal data.
			throw new RedactionUnavailable("The note could not be scanned: " + ex.getClass().getSimpleName(), ex);
		}
	}

	public Analyzer analyzer() {
		Analyzer built = analyzer;
		if (built == null) {
			synchronized (this) {
				if (analyzer == null) {
					try {
						analyzer = build(RedactionConfig.load(CONFIG), models);
					}
					catch (RuntimeException ex) {
						throw new RedactionUnavailable("The redaction engine is not available: " + ex.getMessage(), ex);
					}
				}
				built = analyzer;
			}
		}
		return built;
	}

	static Analyzer build(RedactionConfig config, Path models) {
		NameLists names = NameLists.load();
		Map<String, Function<RedactionConfig.Entry, Recognizer>> known = new LinkedHashMap<>();
		known.put(SubjectRecognizer.NAME, e -> new SubjectRecognizer(names));
		known.put("person-names", e -> new PersonNameRecognizer(names, e.context(), e.contextAfter()));
		known.put("name-finder",
				e -> new NameFinderRecognizer(NlpModels.sentences(), NlpModels.tokens(), NlpModels.nameFinder(models)));
		known.put("places", e -> new PlaceRecognizer(names));
		known.put("topic-health", e -> new TopicRecognizer(EntityType.HEALTH, "redaction/lexicons/health.txt", 0.6));
		known.put("topic-criminal", e -> new TopicRecognizer(EntityType.CRIMINAL, "redaction/lexicons/criminal.txt", 0.6));
		known.put("topic-nrp", e -> new TopicRecognizer(EntityType.NRP, "redaction/lexicons/nrp.txt", 0.6));
		known.put("topic-sexuality",
				e -> new TopicRecognizer(EntityType.SEXUALITY, "redaction/lexicons/sexuality.txt", 0.6));
		PatternRecognizerFactory.register(known);

		List<Recognizer> recognizers = new ArrayList<>();
		Map<String, Double> thresholds = new LinkedHashMap<>();
		config.recognizers().forEach((name, entry) -> {
			Function<RedactionConfig.Entry, Recognizer> factory = known.get(name);
			if (factory == null) {
				throw new IllegalStateException("No recogniser is called '" + name + "'");
			}
			if (entry.enabled()) {
				recognizers.add(factory.apply(entry));
				thresholds.put(name, entry.threshold());
			}
		});
		return new Analyzer(recognizers, thresholds, names);
	}

}
