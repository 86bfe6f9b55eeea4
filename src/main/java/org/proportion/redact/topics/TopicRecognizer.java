package org.proportion.redact.topics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.proportion.redact.EntityType;
import org.proportion.redact.Evidence;
import org.proportion.redact.Lexicons;
import org.proportion.redact.Recognizer;
import org.proportion.redact.RecognizerSetup;
import org.proportion.redact.ScanContext;
import org.proportion.redact.Span;

/**
 * Sensitive topics (HEALTH, CRIMINAL, NRP, SEXUALITY) from a DPO-editable lexicon: phrases, and
 * triggers such as "conviction for" that carry the rest of the clause with them, so that "he has
 * a conviction for sexual assault" and "on methadone" are found as spans.
 */
public class TopicRecognizer implements Recognizer {

	private static final String WORD_EDGE_BEFORE = "(?<![\\p{L}\\p{N}])";

	private static final String WORD_EDGE_AFTER = "(?![\\p{L}\\p{N}])";

	// The rest of a clause after a trigger: up to six words, stopping at punctuation or a new clause.
	private static final String CLAUSE = "((?:\\s+(?!(?:and|but|so|because|who|which|when|while|as|since|then)\\b)"
			+ "[\\p{L}\\p{N}'’\\-/]+){1,6})";

	private static final Evidence LEXICON = Evidence.of(Evidence.Source.LEXICON);

	private final EntityType type;

	private final Pattern phrases;

	private final Pattern triggers;

	private final double score;

	/** Extra shapes for HEALTH: medication by its ending, drug use, pregnancy by weeks. */
	private final Pattern shapes;

	private static final String DRUGS = "heroin|crack|cocaine|coke|spice|mamba|cannabis|weed|ketamine|mdma|ecstasy"
			+ "|amphetamines?|speed|meth|benzos|valium|diazepam|pregabalin|gabapentin|methadone|opiates|alcohol|drugs|solvents";

	private static final Pattern HEALTH_SHAPES = Pattern.compile(WORD_EDGE_BEFORE + "(?:"
			+ "on\\s+(?:a\\s+)?[a-z]+(?:ine|ol|in|am|ide|one|pine|pam|lol|pril|sartan|statin|azole|cillin|mycin|oxetine|apine|idone|afil|arin|ate)\\b(?:\\s+script)?"
			+ "|(?:using|smoking|injecting|taking|uses|smokes|injects|takes|snorting|drinking)\\s+(?:" + DRUGS + ")(?:\\s+and\\s+(?:" + DRUGS + "))?"
			+ "|(?:" + DRUGS + ")\\s+(?:use|misuse|dependency|dependence|addiction|habit|user)"
			+ "|\\d{1,2}\\s+weeks?\\s+pregnant"
			+ "|under\\s+the\\s+influence\\s+of\\s+(?:" + DRUGS + ")"
			+ ")" + WORD_EDGE_AFTER, Pattern.CASE_INSENSITIVE);

	/** As redaction/recognizers.yaml sets it up: its entity type and lexicon from the entry. */
	public TopicRecognizer(RecognizerSetup setup) {
		this(setup.entity(), setup.lexicon(), 0.6);
	}

	public TopicRecognizer(EntityType type, String lexiconResource, double score) {
		this.type = type;
		this.score = score;
		List<String> phraseList = new ArrayList<>();
		List<String> triggerList = new ArrayList<>();
		for (String line : Lexicons.lines(lexiconResource)) {
			if (line.startsWith("after:")) {
				triggerList.add(line.substring("after:".length()).strip());
			}
			else {
				phraseList.add(line);
			}
		}
		// "on methadone", "on a script": medication is written with its "on", and found with it.
		this.phrases = alternation(phraseList, "s?", type == EntityType.HEALTH ? "(?:on\\s+(?:a\\s+)?)?" : "");
		this.shapes = type == EntityType.HEALTH ? HEALTH_SHAPES : null;
		this.triggers = triggerList.isEmpty() ? null
				: Pattern.compile(WORD_EDGE_BEFORE + "(?:" + join(triggerList) + ")" + CLAUSE,
						Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
	}

	@Override
	public String name() {
		return "topic-" + type.name().toLowerCase();
	}

	@Override
	public Set<EntityType> entities() {
		return Set.of(type);
	}

	@Override
	public List<Span> find(String text, ScanContext context) {
		List<Span> spans = new ArrayList<>();
		if (triggers != null) {
			Matcher m = triggers.matcher(text);
			while (m.find()) {
				spans.add(new Span(type, m.start(), m.end(), Math.min(1.0, score + 0.1), name(),
						"lexicon trigger '" + text.substring(m.start(), m.start(1)).strip().toLowerCase() + "' + clause", LEXICON));
			}
		}
		if (shapes != null) {
			Matcher shape = shapes.matcher(text);
			while (shape.find()) {
				spans.add(new Span(type, shape.start(), shape.end(), score, name(),
						"health shape '" + shape.group().toLowerCase() + "'", LEXICON));
			}
		}
		Matcher m = phrases.matcher(text);
		while (m.find()) {
			spans.add(new Span(type, m.start(), m.end(), score, name(),
					"lexicon phrase '" + m.group().toLowerCase() + "'", LEXICON));
		}
		return spans;
	}

	private static Pattern alternation(List<String> phrases, String suffix, String prefix) {
		return Pattern.compile(WORD_EDGE_BEFORE + prefix + "(?:" + join(phrases) + ")" + suffix + WORD_EDGE_AFTER,
				Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
	}

	// Longest first, so "sexual assault" wins over "assault"; any run of spaces between words.
	private static String join(List<String> phrases) {
		return String.join("|", phrases.stream()
			.distinct()
			.sorted(Comparator.comparingInt(String::length).reversed())
			.map(p -> Pattern.quote(p).replace(" ", "\\E\\s+\\Q"))
			.toList());
	}

}
