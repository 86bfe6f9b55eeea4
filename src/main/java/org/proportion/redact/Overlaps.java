package org.proportion.redact;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Resolves overlapping findings, always the same way for the same input, from the spans' types
 * and typed evidence only. Validated identifiers (evidence {@code VALIDATED_IDENTIFIER}: NHS and
 * NI numbers, postcodes, phones, emails, ...) beat anything they overlap. Topic phrases absorb
 * places and agencies inside them and are cut around people and identifiers. Then overlapping
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
		.thenComparing(s -> s.evidence().source())
		.thenComparing(Span::recognizer);

	private Overlaps() {
	}

	/** Sensitive topics are phrases; what they contain is part of the topic, except people and identifiers. */
	private static final Set<EntityType> TOPICS = Set.of(EntityType.HEALTH, EntityType.CRIMINAL, EntityType.NRP,
			EntityType.SEXUALITY);

	// An agency inside a topic phrase ("released from HMP Leeds") is part of it; a place, a date or an
	// age is personal data of its own and is cut out of the phrase like a person.
	private static final Set<EntityType> ABSORBED = Set.of(EntityType.ORGANIZATION);

	/** Validated identifiers (check digits, formats): nothing found by a guess overrides them. */
	private static boolean identifier(Span span) {
		return span.evidence().source() == Evidence.Source.VALIDATED_IDENTIFIER;
	}

	public static List<Span> resolve(List<Span> spans) {
		List<Span> merged = mergeSameType(topicsFirst(identifiersFirst(spans)));
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

	private static List<Span> identifiersFirst(List<Span> spans) {
		List<Span> identifiers = spans.stream().filter(Overlaps::identifier).toList();
		return spans.stream()
			.filter(s -> identifier(s) || identifiers.stream().noneMatch(s::overlaps))
			.collect(java.util.stream.Collectors.toCollection(ArrayList::new));
	}

	/**
	 * A topic phrase ("released from HMP Leeds on licence") absorbs the agencies
	 * inside it, and is cut around any person or identifier inside it, so that keeping the topic
	 * for a role never keeps a name with it.
	 */
	private static List<Span> topicsFirst(List<Span> all) {
		List<Span> out = new ArrayList<>();
		List<Span> absorbed = all.stream()
			.filter(span -> ABSORBED.contains(span.type()) && all.stream().anyMatch(t -> TOPICS.contains(t.type()) && inside(span, t)))
			.toList();
		// "HMP Cardiff" in "released from HMP Cardiff": the town is part of the absorbed agency's name.
		List<Span> gone = all.stream()
			.filter(span -> absorbed.contains(span)
					|| (span.type() == EntityType.LOCATION && absorbed.stream().anyMatch(a -> inside(span, a))))
			.toList();
		List<Span> spans = all.stream().filter(span -> !gone.contains(span)).toList();
		for (Span span : spans) {
			if (!TOPICS.contains(span.type())) {
				out.add(span);
				continue;
			}
			int start = span.start();
			// Any person or identifier touching the phrase is cut out of it, even one that runs past its end.
			List<Span> inside = spans.stream()
				.filter(s -> !TOPICS.contains(s.type()) && !ABSORBED.contains(s.type()) && s.overlaps(span))
				.sorted(Comparator.comparingInt(Span::start))
				.toList();
			int end = span.end();
			for (Span cut : inside) {
				if (cut.start() > start) {
					out.add(span.at(start, Math.min(cut.start(), end)));
				}
				start = Math.max(start, cut.end());
			}
			if (start < end) {
				out.add(span.at(start, end));
			}
		}
		return out;
	}

	private static boolean inside(Span inner, Span outer) {
		return outer.start() <= inner.start() && inner.end() <= outer.end();
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
						Math.max(last.score(), span.score()), better.recognizer(), better.explanation(), better.evidence()));
			}
			else {
				out.add(span);
			}
		}
		return out;
	}

}
