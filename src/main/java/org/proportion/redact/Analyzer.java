package org.proportion.redact;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.proportion.redact.names.NameLists;
import org.proportion.redact.names.PersonNameRecognizer;
import org.proportion.redact.record.SubjectRecognizer;

/**
 * The engine: runs every enabled recogniser over a note, drops findings below each one's
 * threshold, marks every other mention of a name already found, and resolves overlaps. It does
 * not know who will read the note. It throws rather than return a partial analysis.
 */
public class Analyzer {

	private final List<Recognizer> recognizers;

	private final Map<String, Double> thresholds;

	private final NameLists names;

	public Analyzer(List<Recognizer> recognizers, Map<String, Double> thresholds, NameLists names) {
		if (recognizers.isEmpty()) {
			throw new IllegalStateException("No recognisers are enabled: refusing to pass text through unscanned");
		}
		this.recognizers = List.copyOf(recognizers);
		this.thresholds = Map.copyOf(thresholds);
		this.names = names;
	}

	public List<Recognizer> recognizers() {
		return recognizers;
	}

	public Analysis analyze(String text, ScanContext context) {
		List<Span> found = new ArrayList<>();
		List<Span> subject = new ArrayList<>();
		for (Recognizer recognizer : recognizers) {
			double threshold = thresholds.getOrDefault(recognizer.name(), 0.5);
			for (Span span : recognizer.find(text, context == null ? ScanContext.NONE : context)) {
				if (span.end() > text.length()) {
					throw new IllegalStateException("Recogniser " + recognizer.name() + " returned a span past the text");
				}
				if (span.score() >= threshold) {
					found.add(span);
					if (recognizer.name().equals(SubjectRecognizer.NAME) && span.type() == EntityType.PERSON) {
						subject.add(span);
					}
				}
			}
		}
		found.addAll(otherMentions(text, found));
		return new Analysis(text, Overlaps.resolve(found), subject);
	}

	/** Once a name is found in a note, its other mentions in the same note are found too. */
	private List<Span> otherMentions(String text, List<Span> found) {
		Set<String> mentions = new LinkedHashSet<>();
		for (Span span : found) {
			if (span.type() != EntityType.PERSON || span.score() < 0.7) {
				continue;
			}
			String surface = span.text(text);
			mentions.add(surface);
			for (Words.Word word : Words.of(surface)) {
				Words.Word bare = word.bare();
				if (bare.text().length() >= 3 && bare.capitalised() && !names.isNotName(bare.text())
						&& !names.isCommonWord(bare.text()) && !PersonNameRecognizer.isTitle(bare.text())) {
					mentions.add(bare.text());
				}
			}
		}
		List<Span> spans = new ArrayList<>();
		for (String mention : mentions) {
			Matcher m = Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(mention) + "(?![\\p{L}\\p{N}])").matcher(text);
			while (m.find()) {
				spans.add(new Span(EntityType.PERSON, m.start(), m.end(), 0.8, "mentions",
						"same name found elsewhere in the note"));
			}
		}
		return spans;
	}

}
