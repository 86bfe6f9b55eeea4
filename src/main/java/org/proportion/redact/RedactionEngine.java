package org.proportion.redact;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.proportion.redact.names.NameLists;

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
		List<Recognizer> recognizers = new ArrayList<>();
		Map<String, Double> thresholds = new LinkedHashMap<>();
		config.recognizers().forEach((name, entry) -> {
			if (entry.enabled()) {
				recognizers.add(RecognizerRegistry.create(new RecognizerSetup(name, entry, names, models)));
				thresholds.put(name, entry.threshold());
			}
			else {
				RecognizerRegistry.check(name, entry);
			}
		});
		return new Analyzer(recognizers, thresholds, names);
	}

}
