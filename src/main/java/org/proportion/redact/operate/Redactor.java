package org.proportion.redact.operate;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.proportion.model.AgeBands;
import org.proportion.redact.Analysis;
import org.proportion.redact.EntityType;
import org.proportion.redact.Span;
import org.proportion.redact.Words;

/**
 * Applies a policy's operators to an analysed note: per entity type (and SUBJECT for the case's
 * own person) keep, redact ("[HEALTH]"), remove ("[removed]": for a reader who may not learn even
 * what kind of thing was there), pseudonymise ("Person A", the same as in the fields),
 * mask ("07700 9*****") or generalise (a date to its year, an age to its band). A type the
 * operators do not name is redacted; an operator that does not exist is an error.
 */
public final class Redactor {

	public static final String SUBJECT = "SUBJECT";

	/** The subject named by an alias; the policy decides it as it decides the aliases field. */
	public static final String SUBJECT_ALIAS = "SUBJECT_ALIAS";

	private static final Pattern YEAR = Pattern.compile("(?<!\\d)(\\d{4}|\\d{2})(?!\\d)");

	private static final Pattern NUMBER = Pattern.compile("\\d{1,3}");

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
			String operator = operators.getOrDefault(label, "redact");
			String original = span.text(text);
			String replacement = switch (operator) {
				case "keep" -> original;
				case "redact" -> "[" + span.type().name() + "]";
				case "remove" -> "[removed]";
				case "mask" -> mask(original);
				case "pseudonymise" -> span.type() == EntityType.PERSON
						? pseudonyms.apply(subject ? caseRef : "name:" + Words.fold(original)) : "[" + span.type().name() + "]";
				case "generalise" -> generalise(span.type(), original);
				default -> throw new IllegalArgumentException("Unknown redaction operator '" + operator + "'");
			};
			out.append(text, last, span.start()).append(replacement);
			last = span.end();
			counts.computeIfAbsent(label, k -> new LinkedHashMap<>()).merge(pastTense(operator), 1, Integer::sum);
		}
		out.append(text.substring(last));
		return new Redacted(out.toString(), counts);
	}

	private static String mask(String original) {
		StringBuilder masked = new StringBuilder(original);
		int keep = Math.min(3, original.length() / 3);
		for (int i = keep; i < masked.length(); i++) {
			if (Character.isLetterOrDigit(masked.charAt(i))) {
				masked.setCharAt(i, '*');
			}
		}
		return masked.toString();
	}

	private static String generalise(EntityType type, String original) {
		if (type == EntityType.DATE) {
			Matcher year = YEAR.matcher(original);
			String found = null;
			while (year.find()) {
				found = year.group(1);
			}
			return found == null ? "[DATE]" : "[year " + (found.length() == 2 ? "'" + found : found) + "]";
		}
		if (type == EntityType.AGE) {
			Matcher number = NUMBER.matcher(original);
			if (number.find()) {
				int age = Integer.parseInt(number.group());
				return "[age " + AgeBands.of(age) + "]";
			}
		}
		return "[" + type.name() + "]";
	}

	private static String pastTense(String operator) {
		return switch (operator) {
			case "keep" -> "kept";
			case "redact", "remove" -> "removed";
			case "mask" -> "masked";
			case "pseudonymise" -> "pseudonymised";
			case "generalise" -> "generalised";
			default -> operator;
		};
	}

}
