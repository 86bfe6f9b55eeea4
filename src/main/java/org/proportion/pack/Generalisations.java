package org.proportion.pack;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.proportion.model.AgeBands;

/**
 * The ways a value can be made less specific, named as the policy names them. An unknown name or
 * a value that cannot be generalised gives nothing, and the caller withholds: never the raw value.
 */
final class Generalisations {

	static final String PSEUDONYM = "pseudonym";

	/** Risk flags in the words the policy gives this reader for each flag it may see. */
	static final String RISK_WORDING = "risk_wording";

	/** Shown whether the person has no flags or only flags this reader may not see. */
	static final String NO_FLAGS_FOR_YOU = "No risk flags for your role.";

	private static final Pattern POSTCODE = Pattern.compile("^([A-Z]{1,2}[0-9][0-9A-Z]?)\\s*[0-9][A-Z]{2}$");

	private Generalisations() {
	}

	/**
	 * @param controllerName the organisation holding the record, for safeguarding contacts
	 */
	static Optional<String> apply(String how, Object value, String controllerName) {
		if (how == null || value == null) {
			return Optional.empty();
		}
		return switch (how) {
			case "age_band" -> integer(value).map(Generalisations::ageBand);
			case "year_of_birth" -> date(value).map(d -> "born " + d.getYear());
			case "area" -> area(value);
			case "outward_code" -> outwardCode(value);
			case "safeguarding_flag" -> safeguardingFlag(value, controllerName);
			default -> Optional.empty();
		};
	}

	/**
	 * The policy's wording, with the organisation to contact put in; the same text for a person
	 * without flags as for one whose flags this reader may not see.
	 */
	static Optional<String> riskWording(List<String> wording, String controllerName) {
		if (wording.isEmpty()) {
			return Optional.of(NO_FLAGS_FOR_YOU);
		}
		return Optional.of(String.join("; ", wording.stream().map(w -> w.replace("{controller}", controllerName)).toList()));
	}

	static String ageBand(int age) {
		return AgeBands.of(age);
	}

	private static final Pattern AREA = Pattern.compile("[A-Z][\\p{L}'’\\-]*(?: [A-Z][\\p{L}'’\\-]*){0,2}");

	private static final Pattern FLAG_CODE = Pattern.compile("[a-z][a-z_]{2,40}");

	// Sleep sites are written "<site>, <area>"; an area is a short place name (no numbers, no
	// description), otherwise there is nothing safe to show.
	private static Optional<String> area(Object value) {
		String text = value.toString();
		int comma = text.lastIndexOf(',');
		String area = comma < 0 ? "" : text.substring(comma + 1).trim();
		return AREA.matcher(area).matches() ? Optional.of(area + " area") : Optional.empty();
	}

	private static Optional<String> outwardCode(Object value) {
		Matcher m = POSTCODE.matcher(value.toString().trim().toUpperCase(Locale.ROOT));
		return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
	}

	private static Optional<String> safeguardingFlag(Object value, String controllerName) {
		List<String> flags = value instanceof List<?> list ? list.stream().map(String::valueOf).toList()
				: List.of(value.toString());
		// Only flag codes ("risk_to_women") become a flag; free text could hold the offence itself.
		if (flags.isEmpty() || !flags.stream().allMatch(f -> FLAG_CODE.matcher(f).matches())) {
			return Optional.empty();
		}
		String risks = String.join("; ", flags.stream().map(Generalisations::humanise).toList());
		return Optional.of(risks + ": contact " + controllerName + "'s safeguarding lead before any placement decision");
	}

	private static String humanise(String code) {
		String words = code.replace('_', ' ').trim();
		return words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
	}

	private static Optional<Integer> integer(Object value) {
		try {
			return Optional.of(Integer.parseInt(value.toString().trim()));
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
	}

	private static Optional<LocalDate> date(Object value) {
		try {
			return Optional.of(LocalDate.parse(value.toString()));
		}
		catch (DateTimeParseException ex) {
			return Optional.empty();
		}
	}

}
