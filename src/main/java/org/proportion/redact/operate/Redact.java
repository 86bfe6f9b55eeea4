package org.proportion.redact.operate;

/** "[HEALTH]": the reader learns that something of this kind was there, never what. */
final class Redact implements Operator {

	@Override
	public String name() {
		return "redact";
	}

	@Override
	public String pastTense() {
		return "removed";
	}

	@Override
	public String replace(Target target) {
		return target.label();
	}

}
