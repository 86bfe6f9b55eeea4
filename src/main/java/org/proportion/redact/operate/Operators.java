package org.proportion.redact.operate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every redaction operator, by the name a policy uses. Adding one is one class and one line
 * here. A name not held is an error, so a typo in a policy withholds the note instead of
 * showing it.
 */
public final class Operators {

	private static final Map<String, Operator> BY_NAME = new LinkedHashMap<>();

	static {
		for (Operator operator : List.of(new Keep(), new Redact(), new Remove(), new Mask(), new Pseudonymise(),
				new Generalise())) {
			BY_NAME.put(operator.name(), operator);
		}
	}

	private Operators() {
	}

	/** The operator the policy names; throws for a name no operator has. */
	public static Operator named(String name) {
		Operator operator = BY_NAME.get(name);
		if (operator == null) {
			throw new IllegalArgumentException("Unknown redaction operator '" + name + "'");
		}
		return operator;
	}

	/** The names a policy may use, in a stable order. */
	public static List<String> names() {
		return List.copyOf(BY_NAME.keySet());
	}

}
