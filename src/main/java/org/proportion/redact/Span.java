package org.proportion.redact;

/**
 * One finding in a text: what it is, where it is (Java String offsets, end exclusive), how sure
 * the recogniser is, which recogniser found it and why.
 */
public record Span(EntityType type, int start, int end, double score, String recognizer, String explanation) {

	public Span {
		if (start < 0 || end <= start) {
			throw new IllegalArgumentException("empty or negative span " + start + ".." + end);
		}
		if (score < 0 || score > 1) {
			throw new IllegalArgumentException("score out of range: " + score);
		}
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

}
