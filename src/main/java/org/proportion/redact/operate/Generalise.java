package org.proportion.redact.operate;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.proportion.model.AgeBands;
import org.proportion.redact.EntityType;

/**
 * A date to its year ("[year 2024]"), an age to its band ("[age 25-34]"): enough for a reader
 * weighing risk, too little to single someone out. Anything else, or a date or age with no
 * number to generalise, is redacted.
 */
final class Generalise implements Operator {

	private static final Pattern YEAR = Pattern.compile("(?<!\\d)(\\d{4}|\\d{2})(?!\\d)");

	private static final Pattern NUMBER = Pattern.compile("\\d{1,3}");

	@Override
	public String name() {
		return "generalise";
	}

	@Override
	public String pastTense() {
		return "generalised";
	}

	@Override
	public String replace(Target target) {
		EntityType type = target.span().type();
		String original = target.original();
		if (type == EntityType.DATE) {
			Matcher year = YEAR.matcher(original);
			String found = null;
			while (year.find()) {
				found = year.group(1);
			}
			return found == null ? target.label() : "[year " + (found.length() == 2 ? "'" + found : found) + "]";
		}
		if (type == EntityType.AGE) {
			Matcher number = NUMBER.matcher(original);
			if (number.find()) {
				return "[age " + AgeBands.of(Integer.parseInt(number.group())) + "]";
			}
		}
		return target.label();
	}

}
