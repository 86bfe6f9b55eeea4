package org.proportion.redact.operate;

import java.util.function.Function;

import org.proportion.redact.Span;

/**
 * What a reader's copy of a note shows in place of one finding. The policy names an operator per
 * entity type and reader; {@link Operators} holds every operator by that name, and a name it does
 * not hold is an error that withholds the note, never a default.
 */
public interface Operator {

	/** The name the policy uses ({@code redact}, {@code keep}, ...). */
	String name();

	/** How the decision log counts it ("PERSON 2 removed"). */
	String pastTense();

	/** The text shown in place of the finding. */
	String replace(Target target);

	/**
	 * One finding as an operator sees it.
	 *
	 * @param span the finding
	 * @param original the finding's text in the note
	 * @param subject the finding is the case's own subject
	 * @param caseRef the case the note belongs to
	 * @param pseudonyms the pack's pseudonym for a key: the case reference for the subject,
	 * "name:" + the folded name for anyone else
	 */
	record Target(Span span, String original, boolean subject, String caseRef, Function<String, String> pseudonyms) {

		/** "[HEALTH]": the neutral label of the finding's type. */
		public String label() {
			return "[" + span.type().name() + "]";
		}

	}

}
