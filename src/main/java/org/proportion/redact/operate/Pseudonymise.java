package org.proportion.redact.operate;

import org.proportion.redact.EntityType;
import org.proportion.redact.Words;

/**
 * "Person A": a person by the pack's pseudonym, the same as in the fields, so a reader can follow
 * who did what without learning who; anything that is not a person is redacted.
 */
final class Pseudonymise implements Operator {

	@Override
	public String name() {
		return "pseudonymise";
	}

	@Override
	public String pastTense() {
		return "pseudonymised";
	}

	@Override
	public String replace(Target target) {
		if (target.span().type() != EntityType.PERSON) {
			return target.label();
		}
		return target.pseudonyms().apply(target.subject() ? target.caseRef() : "name:" + Words.fold(target.original()));
	}

}
