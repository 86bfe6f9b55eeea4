package org.proportion.redact.operate;

/**
 * "[removed]": for a reader who must not learn even what kind of thing was there (that the note
 * mentioned a health matter or an offence is itself telling).
 */
final class Remove implements Operator {

	@Override
	public String name() {
		return "remove";
	}

	@Override
	public String pastTense() {
		return "removed";
	}

	@Override
	public String replace(Target target) {
		return "[removed]";
	}

}
