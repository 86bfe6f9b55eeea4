package org.proportion.redact;

import java.util.Objects;

/**
 * One finding in a text: what it is, where it is (Java String offsets, end exclusive), how sure
 * the recogniser is, which recogniser found it and why (for people reading the decision log), and
 * the typed {@link Evidence} the engine decides by: the engine never reads the name or the
 * explanation to decide anything.
 */
public record Span(EntityType type, int start, int end, double score, String recognizer, String explanation,
		Evidence evidence) {

	public Span {
		if (start < 0 || end <= start) {
			throw new IllegalArgumentException("empty or negative span " + start + ".." + end);
		}
		if (score < 0 || score > 1) {
			throw new IllegalArgumentException("score out of range: " + score);
		}
		Objects.requireNonNull(evidence, "evidence");
	}

	public int length() {
		return end - start;
	}

	public boolean overlaps(Span other) {
		return start < other.end && other.start < end;
	}

	public String text(String source) {
		return source.substring(start, end);
	}

	/** The same finding over other offsets. */
	public Span at(int newStart, int newEnd) {
		return new Span(type, newStart, newEnd, score, recognizer, explanation, evidence);
	}

}
