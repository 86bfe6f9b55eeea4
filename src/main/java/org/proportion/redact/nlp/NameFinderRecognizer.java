package org.proportion.redact.nlp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import opennlp.tools.namefind.NameFinderME;
import opennlp.tools.namefind.TokenNameFinderModel;
import opennlp.tools.sentdetect.SentenceModel;
import opennlp.tools.sentdetect.ThreadSafeSentenceDetectorME;
import opennlp.tools.tokenize.ThreadSafeTokenizerME;
import opennlp.tools.tokenize.TokenizerModel;
import org.proportion.redact.EntityType;
import org.proportion.redact.Recognizer;
import org.proportion.redact.ScanContext;
import org.proportion.redact.Span;

/**
 * PERSON, LOCATION and ORGANIZATION from the project's OpenNLP name finder, over OpenNLP
 * sentences and tokens. One detector per thread over shared models.
 */
public class NameFinderRecognizer implements Recognizer {

	private static final Map<String, EntityType> TYPES = Map.of("person", EntityType.PERSON, "location",
			EntityType.LOCATION, "organization", EntityType.ORGANIZATION);

	private final ThreadSafeSentenceDetectorME sentences;

	private final ThreadSafeTokenizerME tokenizer;

	// Our own per-thread finder: OpenNLP's ThreadSafeNameFinderME (2.5.6) cannot give per-span probabilities.
	private final ThreadLocal<NameFinderME> finder;

	public NameFinderRecognizer(org.proportion.redact.RecognizerSetup setup) { this(NlpModels.sentences(), NlpModels.tokens(), NlpModels.nameFinder(setup.models())); }

	public NameFinderRecognizer(SentenceModel sentences, TokenizerModel tokens, TokenNameFinderModel names) {
		this.sentences = new ThreadSafeSentenceDetectorME(sentences);
		this.tokenizer = new ThreadSafeTokenizerME(tokens);
		this.finder = ThreadLocal.withInitial(() -> new NameFinderME(names));
	}

	@Override
	public String name() {
		return "name-finder";
	}

	@Override
	public Set<EntityType> entities() {
		return Set.of(EntityType.PERSON, EntityType.LOCATION, EntityType.ORGANIZATION);
	}

	@Override
	public List<Span> find(String text, ScanContext context) {
		List<Span> spans = new ArrayList<>();
		for (opennlp.tools.util.Span sentence : sentences.sentPosDetect(text)) {
			String sentenceText = sentence.getCoveredText(text).toString();
			opennlp.tools.util.Span[] tokens = tokenizer.tokenizePos(sentenceText);
			String[] words = opennlp.tools.util.Span.spansToStrings(tokens, sentenceText);
			NameFinderME nameFinder = finder.get();
			opennlp.tools.util.Span[] names = nameFinder.find(words);
			double[] probs = nameFinder.probs(names);
			for (int i = 0; i < names.length; i++) {
				EntityType type = TYPES.get(names[i].getType());
				if (type == null) {
					continue;
				}
				int start = sentence.getStart() + tokens[names[i].getStart()].getStart();
				int end = sentence.getStart() + tokens[names[i].getEnd() - 1].getEnd();
				spans.add(new Span(type, start, end, Math.max(0, Math.min(1, probs[i])), name(),
						String.format("OpenNLP name finder, p=%.2f", probs[i]), org.proportion.redact.Evidence.of(org.proportion.redact.Evidence.Source.MODEL)));
			}
		}
		finder.get().clearAdaptiveData();
		return spans;
	}

}
