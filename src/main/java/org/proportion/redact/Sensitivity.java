package org.proportion.redact;

import java.util.Map;

/**
 * One level of how eagerly a reader's copy is redacted, as redaction/recognizers.yaml defines it:
 * every recogniser's threshold moved by {@code shift} (negative: more findings count, so more is
 * redacted and precision falls), and thresholds set outright for named recognisers (so a
 * recogniser that never counts at the standard level, such as "unsure-capitalised", can count at
 * a high one). The note is scanned once; each level only changes which findings count.
 *
 * @param shift added to every recogniser's threshold at this level
 * @param thresholds recogniser name to the threshold it has at this level, overriding the shift
 */
public record Sensitivity(double shift, Map<String, Double> thresholds) {

	/** The level a reader gets when the policy names none. */
	public static final String STANDARD = "standard";

	public Sensitivity {
		thresholds = thresholds == null ? Map.of() : Map.copyOf(thresholds);
		if (shift < -1 || shift > 1) {
			throw new IllegalArgumentException("sensitivity shift out of range: " + shift);
		}
	}

	/** The threshold a recogniser with this base threshold has at this level. */
	public double threshold(String recognizer, double base) {
		Double set = thresholds.get(recognizer);
		return set != null ? set : base + shift;
	}

}
