package org.proportion.redact;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One note, analysed once: the resolved spans, in order, and which PERSON spans are the case's
 * own subject (so a policy can treat the subject and third parties differently). Reused for
 * every attendee's redaction.
 */
public record Analysis(String text, List<Span> spans, List<Span> subjectSpans) {

	public Analysis {
		spans = List.copyOf(spans);
		subjectSpans = List.copyOf(subjectSpans);
	}

	public boolean isSubject(Span span) {
		// Inside a span the case record vouches for: "Dave Smith" merged with the subject's "Smith" is someone else.
		return span.type() == EntityType.PERSON
				&& subjectSpans.stream().anyMatch(s -> s.start() <= span.start() && span.end() <= s.end());
	}

	/** A subject span found only as one of their aliases (not their name). */
	public boolean isAlias(Span span) {
		return isSubject(span) && subjectSpans.stream()
			.filter(s -> s.start() <= span.start() && span.end() <= s.end())
			.allMatch(s -> s.explanation().equals(org.proportion.redact.record.SubjectRecognizer.ALIAS));
	}

	public Map<EntityType, Integer> counts() {
		Map<EntityType, Integer> counts = new EnumMap<>(EntityType.class);
		spans.forEach(s -> counts.merge(s.type(), 1, Integer::sum));
		return counts;
	}

}
