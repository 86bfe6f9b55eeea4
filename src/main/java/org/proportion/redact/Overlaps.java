package org.proportion.redact;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Resolves overlapping findings, always the same way for the same input. First, overlapping
 * findings of the same type become one span covering both (the higher score and its
 * recogniser kept). Then, across types, the higher score wins, then the longer span, then the
 * type listed first in EntityType, then the earlier start.
 */
public final class Overlaps {

	private static final Comparator<Span> PRIORITY = Comparator.comparingDouble(Span::score)
		.reversed()
		.thenComparing(Comparator.comparingInt(Span::length).reversed())
		.thenComparing(Span::type)
		.thenComparingInt(Span::start)
		.thenComparing(Span::recognizer);

	private Overlaps() {
	}

	public static List<Span> resolve(List<Span> spans) {
		List<Span> merged = mergeSameType(spans);
		merged.sort(PRIORITY);
		List<Span> kept = new ArrayList<>();
		for (Span candidate : merged) {
			if (kept.stream().noneMatch(candidate::overlaps)) {
				kept.add(candidate);
			}
		}
		kept.sort(Comparator.comparingInt(Span::start).thenComparingInt(Span::end));
		return kept;
	}

	private static List<Span> mergeSameType(List<Span> spans) {
		List<Span> sorted = new ArrayList<>(spans);
		sorted.sort(Comparator.comparing(Span::type).thenComparingInt(Span::start).thenComparing(PRIORITY));
		List<Span> out = new ArrayList<>();
		for (Span span : sorted) {
			Span last = out.isEmpty() ? null : out.get(out.size() - 1);
			if (last != null && last.type() == span.type() && last.overlaps(span)) {
				Span better = PRIORITY.compare(last, span) <= 0 ? last : span;
				out.set(out.size() - 1, new Span(span.type(), last.start(), Math.max(last.end(), span.end()),
						Math.max(last.score(), span.score()), better.recognizer(), better.explanation()));
			}
			else {
				out.add(span);
			}
		}
		return out;
	}

}
