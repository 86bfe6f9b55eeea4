package org.proportion.policy;

/**
 * The policy engine could not give a usable decision: unreachable, too slow, an error, or an
 * undefined or malformed document. Callers must withhold, never guess.
 */
public class PolicyUnavailable extends RuntimeException {

	private final String code;

	public PolicyUnavailable(String code, String detail) {
		super(detail);
		this.code = code;
	}

	public PolicyUnavailable(String code, String detail, Throwable cause) {
		super(detail, cause);
		this.code = code;
	}

	public String code() {
		return code;
	}

}
