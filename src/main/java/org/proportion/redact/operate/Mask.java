package org.proportion.redact.operate;

/** "07700 9*****": the first few characters kept, so a worker can tell two numbers apart. */
final class Mask implements Operator {

	@Override
	public String name() {
		return "mask";
	}

	@Override
	public String pastTense() {
		return "masked";
	}

	@Override
	public String replace(Target target) {
		String original = target.original();
		StringBuilder masked = new StringBuilder(original);
		int keep = Math.min(3, original.length() / 3);
		for (int i = keep; i < masked.length(); i++) {
			if (Character.isLetterOrDigit(masked.charAt(i))) {
				masked.setCharAt(i, '*');
			}
		}
		return masked.toString();
	}

}
