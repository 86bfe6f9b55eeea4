package org.proportion.redact;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One note, analysed once: the resolved spans, in order, and the spans the case record vouches
 * for as the note's own subject (so a policy can treat the subject and third parties
 * differently). Reused for every attendee's redaction. Subject and alias marking come from each
 * span's typed {@link Evidence}, never from who found it or how it was explained.
 */
public record Analysis(String text, List<Span> spans, List<Span> subjectSpans, Map<String, Analysis> levels) {

	public Analysis(String text, List<Span> spans, List<Span> subjectSpans) {
		this(text, spans, subjectSpans, Map.of());
	}

	/**
	 * The same note as a reader at this sensitivity level gets it; null or
	 * {@value Sensitivity#STANDARD} is this analysis. A level the settings do not define is an
	 * error, so the caller withholds the note rather than guess a level.
	 */
	public Analysis at(String level) {
		if (level == null || level.equals(Sensitivity.STANDARD)) {
			return this;
		}
		Analysis at = levels.get(level);
		if (at == null) {
			throw new IllegalArgumentException("Unknown redaction sensitivity '" + level + "'");
		}
		return at;
	}

	public Analysis {
		spans = List.copyOf(spans);
		subjectSpans = List.copyOf(subjectSpans);
		levels = levels == null ? Map.of() : Map.copyOf(levels);
		if (subjectSpans.stream().anyMatch(s -> !s.evidence().subject())) {
			throw new IllegalArgumentException("a subject span without the case record's evidence");
		}
	}

	public boolean isSubject(Span span) {
		// Inside a span the case record vouches for: "Dave Smith" merged with the subject's "Smith" is someone else.
		return span.type() == EntityType.PERSON && subjectSpans.stream().anyMatch(s -> contains(s, span));
	}

	/** A subject span found only as one of their aliases (not their name). */
	public boolean isAlias(Span span) {
		return isSubject(span) && subjectSpans.stream().filter(s -> contains(s, span)).allMatch(s -> s.evidence().alias());
	}

	public Map<EntityType, Integer> counts() {
		Map<EntityType, Integer> counts = new EnumMap<>(EntityType.class);
		spans.forEach(s -> counts.merge(s.type(), 1, Integer::sum));
		return counts;
	}

	private static boolean contains(Span outer, Span inner) {
		return outer.start() <= inner.start() && inner.end() <= outer.end();
	}

}
