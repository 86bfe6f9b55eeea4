package org.proportion.redact;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;


/**
 * Builds the analyzer from redaction/recognizers.yaml and the models folder, once, on first use.
 * If it cannot be built (a model missing, a bad configuration) every call fails with
 * {@link RedactionUnavailable}, so callers withhold the text instead of passing it through.
 */
public class RedactionEngine {

	public static final String CONFIG = "redaction/recognizers.yaml";

	/** Notes kept by default: a few meetings' worth of case notes, a few megabytes. */
	public static final int DEFAULT_CACHE = 5000;

	private final Path models;

	private final AnalysisCache cache;

	private final AtomicLong scans = new AtomicLong();

	private volatile Analyzer analyzer;

	private volatile ScanObserver observer = ScanObserver.NONE;

	public RedactionEngine(Path models) {
		this(models, DEFAULT_CACHE);
	}

	/** @param cacheSize analyses kept for {@link #analyzeOnce}; 0 keeps none */
	public RedactionEngine(Path models, int cacheSize) {
		this.models = models;
		this.cache = new AnalysisCache(cacheSize);
	}

	/** Every note is scanned afresh: for the scan command, tests and the figures. */
	public Analysis analyze(String text, ScanContext context) {
		try {
			long started = System.nanoTime();
			Analysis analysis = analyzer().analyze(text, context);
			scans.incrementAndGet();
			observer.scanned(System.nanoTime() - started, analysis.counts());
			return analysis;
		}
		catch (RedactionUnavailable ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			// Never the text in the message: it is personal data.
			throw new RedactionUnavailable("The note could not be scanned: " + ex.getClass().getSimpleName(), ex);
		}
	}

	/**
	 * The analysis of a note in its case's context, scanned only if this engine has not scanned
	 * the same note in the same context before (pack builds: an unchanged note is never scanned
	 * twice across rebuilds). Fails as {@link #analyze} does, and a failure is not remembered.
	 */
	public Analysis analyzeOnce(String text, ScanContext context) {
		return cache.get(text, context, () -> analyze(text, context));
	}

	/** Who is told of each scan (the gateway's metrics); replaces any earlier observer. */
	public void observe(ScanObserver observer) {
		this.observer = observer == null ? ScanObserver.NONE : observer;
	}

	/** How many notes this engine has scanned (not served from its cache) since it started. */
	public long scans() {
		return scans.get();
	}

	/**
	 * This engine as a reader at one sensitivity level sees it: {@link #analyze} answers with that
	 * level's findings. For the figures per level; pack builds pick the level per reader instead.
	 */
	public RedactionEngine atLevel(String level) {
		RedactionEngine base = this;
		base.analyzer().levels();
		return new RedactionEngine(models, 0) {

			@Override
			public Analysis analyze(String text, ScanContext context) {
				return base.analyze(text, context).at(level);
			}
		};
	}

	/** The sensitivity levels the settings define; loading the engine if need be. */
	public java.util.Set<String> levels() {
		return analyzer().levels();
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
		for (String level : config.sensitivity().keySet()) {
			config.sensitivity().get(level).thresholds().keySet().forEach(name -> {
				if (!config.recognizers().containsKey(name)) {
					throw new IllegalStateException("Sensitivity '" + level + "' sets a threshold for no recogniser: " + name);
				}
			});
		}
		return new Analyzer(recognizers, thresholds, names, config.sensitivity());
	}

}
