package org.proportion.redact.operate;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import org.proportion.redact.Analysis;
import org.proportion.redact.Span;

/**
 * Applies a policy's operators to an analysed note: per entity type (and SUBJECT for the case's
 * own person) keep, redact ("[HEALTH]"), remove ("[removed]": for a reader who may not learn even
 * what kind of thing was there), pseudonymise ("Person A", the same as in the fields),
 * mask ("07700 9*****") or generalise (a date to its year, an age to its band), each an
 * {@link Operator} found by name in {@link Operators}. A type the operators do not name is
 * redacted; an operator that does not exist is an error.
 */
public final class Redactor {

	public static final String SUBJECT = "SUBJECT";

	/** The subject named by an alias; the policy decides it as it decides the aliases field. */
	public static final String SUBJECT_ALIAS = "SUBJECT_ALIAS";

	/** The redacted text and, per type, how many findings each operator handled. */
	public record Redacted(String text, Map<String, Map<String, Integer>> counts) {

		/** "PERSON 2 redacted, HEALTH 1 kept": what a DPO reads in the decision log, never the text. */
		public String summary() {
			if (counts.isEmpty()) {
				return "nothing personal found";
			}
			StringBuilder out = new StringBuilder();
			counts.forEach((type, ops) -> ops.forEach((op, n) -> {
				if (!out.isEmpty()) {
					out.append(", ");
				}
				out.append(type).append(' ').append(n).append(' ').append(op);
			}));
			return out.toString();
		}

	}

	private Redactor() {
	}

	/**
	 * @param pseudonyms gives the pack's pseudonym for a key: the case reference for the subject,
	 * "name:" + the folded name for anyone else
	 */
	public static Redacted apply(Analysis analysis, Map<String, String> operators, String caseRef,
			Function<String, String> pseudonyms) {
		String text = analysis.text();
		StringBuilder out = new StringBuilder(text.length());
		Map<String, Map<String, Integer>> counts = new TreeMap<>();
		int last = 0;
		for (Span span : analysis.spans()) {
			boolean subject = analysis.isSubject(span);
			String label = analysis.isAlias(span) ? SUBJECT_ALIAS : subject ? SUBJECT : span.type().name();
			Operator operator = Operators.named(operators.getOrDefault(label, "redact"));
			String replacement = operator.replace(new Operator.Target(span, span.text(text), subject, caseRef, pseudonyms));
			out.append(text, last, span.start()).append(replacement);
			last = span.end();
			counts.computeIfAbsent(label, k -> new LinkedHashMap<>()).merge(operator.pastTense(), 1, Integer::sum);
		}
		out.append(text.substring(last));
		return new Redacted(out.toString(), counts);
	}

}
