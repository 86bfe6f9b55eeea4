package org.proportion.redact.operate;

/** Shows the finding as written: for a reader the policy lets see this kind of thing. */
final class Keep implements Operator {

	@Override
	public String name() {
		return "keep";
	}

	@Override
	public String pastTense() {
		return "kept";
	}

	@Override
	public String replace(Target target) {
		return target.original();
	}

}
