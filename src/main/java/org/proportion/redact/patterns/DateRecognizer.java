package org.proportion.redact.patterns;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.proportion.redact.EntityType;
import org.proportion.redact.RecognizerSetup;

/**
 * Dates in the forms people write them: numeric ("14/05/1990", "14.5.90", "1990-05-14", "03/2022"),
 * with a month name or abbreviation in any case ("14th of May 1990", "May 14, 1990", "Tuesday 4th
 * March", "Jan 2020"), and the weak "on the 4th". A month name alone is not a date, so "May" the
 * name is never found without a day or year beside it; nor is a time ("10:30") or a bare number.
 */
public final class DateRecognizer extends PatternRecognizer {

	public static final PatternSettings DEFAULTS = PatternSettings.defaults("dob", "d.o.b", "born", "date of birth",
			"on", "since", "from", "until");

	private static final String MONTH = "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?"
			+ "|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";

	private static final String WEEKDAY = "(?:mon(?:day)?|tue(?:s(?:day)?)?|wed(?:s|nesday)?|thu(?:rs?(?:day)?)?"
			+ "|fri(?:day)?|sat(?:urday)?|sun(?:day)?)";

	// "Sat 02/03/24", "Weds 7/2", "Fri. 12.4.24": a weekday before a numeric date is part of it.
	private static final String WEEKDAY_BEFORE = "(?:" + WEEKDAY + "\\.?,?\\s+)?";

	private static final String DAY = "\\d{1,2}(?:st|nd|rd|th)?";

	private static final String ORDINAL_DAY = "\\d{1,2}(?:st|nd|rd|th)";

	private static final String YEAR = "(?:(?:19|20)\\d{2}|\\d{2})";

	private static final String FULL_YEAR = "(?:19|20)\\d{2}";

	// "14 May", "14th of May", "14-May", "Tuesday 4th March", "Tue, the 4th of March"
	private static final String DAY_MONTH = "(?:" + WEEKDAY + ",?\\s+(?:the\\s+)?)?" + DAY + "(?:\\s+of\\s+|\\s+|-)"
			+ MONTH;

	// "May ", "Tuesday, May "
	private static final String MONTH_FIRST = "(?:" + WEEKDAY + ",?\\s+)?" + MONTH + "\\s+";

	// Not continuing a longer numeric run, so "05/1990" is not read from the middle of "31/02/1990".
	private static final String NUMERIC_START = "(?<!\\d[/.-])";

	private static final String NUMERIC_END = "(?![/.-]\\d)";

	// At the end of a phrase, so "the 4th floor" and "the 2nd time" are left alone.
	private static final String PHRASE_ENDS = "(?=\\s*(?:[.,;:!?)]|$)|\\s+(?:at|and|to|until|when|but|or)\\b)";

	private static final List<NamedPattern> PATTERNS = List.of(
			NamedPattern.of("date_numeric_dmy",
					NUMERIC_START + "\\d{1,2}(?<sep>[/.-])\\d{1,2}\\k<sep>" + YEAR + NUMERIC_END, 0.6),
			NamedPattern.of("date_numeric_ymd", NUMERIC_START + FULL_YEAR + "(?<sep>[/.-])\\d{1,2}\\k<sep>\\d{1,2}" + NUMERIC_END, 0.6),
			NamedPattern.of("date_numeric_month_year", NUMERIC_START + "\\d{1,2}/" + FULL_YEAR + NUMERIC_END, 0.5),
			// "3/22" is as likely a score ("pain 7/10"): kept only with a context word ("since 3/22").
			NamedPattern.of("date_numeric_month_short_year", NUMERIC_START + "\\d{1,2}/\\d{2}" + NUMERIC_END, 0.2),
			NamedPattern.of("date_day_month_year", DAY_MONTH + "(?:,?\\s+|-)" + YEAR, 0.6),
			NamedPattern.of("date_month_day_year", MONTH_FIRST + DAY + ",?\\s+" + YEAR, 0.6),
			NamedPattern.of("date_day_month", DAY_MONTH, 0.5),
			NamedPattern.of("date_month_day", MONTH_FIRST + ORDINAL_DAY, 0.5),
			NamedPattern.of("date_month_year", MONTH + ",?\\s+" + FULL_YEAR, 0.5),
			NamedPattern.of("date_weekday_numeric_dmy", WEEKDAY_BEFORE.substring(0, WEEKDAY_BEFORE.length() - 1)
					+ "\\d{1,2}(?<wsep>[/.-])\\d{1,2}\\k<wsep>" + YEAR + NUMERIC_END, 0.6),
			// "Monday 15th", "Fri the 3rd": a weekday makes a bare ordinal a date.
			NamedPattern.of("date_weekday_ordinal", WEEKDAY + "\\.?,?\\s+(?:the\\s+)?" + ORDINAL_DAY, 0.55),
			// "Weds 7/2": a weekday makes day/month a date.
			NamedPattern.of("date_weekday_day_month", WEEKDAY + "\\.?,?\\s+\\d{1,2}/\\d{1,2}" + NUMERIC_END, 0.55),
			// "19/03", "25/12": a first number over 12 can only be a day, so day/month with no year is a date.
			NamedPattern.of("date_numeric_day_month", NUMERIC_START + "(?:1[3-9]|2\\d|3[01])/(?:0?[1-9]|1[0-2])" + NUMERIC_END, 0.5),
			// "3/5": as likely a score, so only with a context word ("on 3/5").
			NamedPattern.of("date_numeric_day_month_weak", NUMERIC_START + "\\d{1,2}/\\d{1,2}" + NUMERIC_END, 0.2),
			// A month named alone, capitalised: "in January", "since Nov". "May" and "March" only after a time word.
			NamedPattern.of("date_month_alone", "(?=\\p{Lu})(?<!\\d\\s)(?<!\\d(?:st|nd|rd|th)\\s)(?<!\\d(?:st|nd|rd|th)?\\sof\\s)(?-i:January|February|April|June|July|August|September|October"
					+ "|November|December|Jan|Feb|Apr|Jun|Aug|Sept?|Oct|Nov|Dec)(?![\\p{L}])", 0.45),
			NamedPattern.of("date_may_march", "(?=(?-i:May|March))(?<=\\b(?:in|since|from|until|till|by|last|next|early|mid|late|of|before|after)\\s)"
					+ "(?-i:May|March)(?![\\p{L}])", 0.45),
			// "4th" after "the": kept only with a context word ("on the 4th", "since the 4th").
			NamedPattern.of("date_ordinal_day", "(?<=\\bthe\\s)" + ORDINAL_DAY + PHRASE_ENDS, 0.2));

	private static final PatternValidator REAL_DATE = new PatternValidator("day and month valid",
			DateRecognizer::isRealDate);

	private static final Pattern MONTH_WORD = Pattern.compile("\\b" + MONTH + "\\b", Pattern.CASE_INSENSITIVE);

	private static final Pattern NUMBER = Pattern.compile("(\\d+)(st|nd|rd|th)?", Pattern.CASE_INSENSITIVE);

	private static final String MONTH_PREFIXES = "janfebmaraprmayjunjulaugsepoctnovdec";

	// For a day and month without a year: a leap year, so 29 February is allowed.
	private static final int ANY_LEAP_YEAR = 2000;

	public DateRecognizer() {
		this(DEFAULTS);
	}

	/** As redaction/recognizers.yaml sets it up. */
	public DateRecognizer(RecognizerSetup setup) {
		this(PatternSettings.from(setup, DEFAULTS));
	}

	public DateRecognizer(PatternSettings settings) {
		super("date", EntityType.DATE, PATTERNS, REAL_DATE, settings);
	}

	/**
	 * True if {@code date}, as matched by one of the patterns, names a day that exists: month 1-12,
	 * day within that month (29 February only in a leap year, or with no year). Two-digit years are
	 * taken as 20yy. A numeric date is read day first; month first (US order) is accepted when day
	 * first cannot be a date, so "05/14/1990" is still found.
	 */
	static boolean isRealDate(String date) {
		List<String> numbers = new ArrayList<>(3);
		boolean ordinal = false;
		for (Matcher number = NUMBER.matcher(date); number.find();) {
			numbers.add(number.group(1));
			ordinal |= number.group(2) != null;
		}
		Matcher monthWord = MONTH_WORD.matcher(date);
		if (numbers.isEmpty()) {
			return monthWord.find();
		}
		return monthWord.find() ? isRealWrittenDate(monthWord.group(), numbers, ordinal) : isRealNumericDate(numbers);
	}

	private static boolean isRealWrittenDate(String monthWord, List<String> numbers, boolean ordinal) {
		boolean hasYear = numbers.size() == 2 || numbers.get(0).length() == 4;
		// "all 3 may need support": a lower-case "may" is a verb unless a year or an ordinal says otherwise.
		if (!hasYear && !ordinal && monthWord.equals("may")) {
			return false;
		}
		if (numbers.size() == 1 && hasYear) {
			return true;
		}
		int month = MONTH_PREFIXES.indexOf(monthWord.substring(0, 3).toLowerCase(Locale.ROOT)) / 3 + 1;
		int year = hasYear ? fullYear(numbers.get(1)) : ANY_LEAP_YEAR;
		return isDay(Integer.parseInt(numbers.get(0)), month, year);
	}

	private static boolean isRealNumericDate(List<String> numbers) {
		int first = Integer.parseInt(numbers.get(0));
		return switch (numbers.size()) {
			case 3 -> {
				int second = Integer.parseInt(numbers.get(1));
				if (numbers.get(0).length() == 4) {
					yield isDay(Integer.parseInt(numbers.get(2)), second, first);
				}
				int year = fullYear(numbers.get(2));
				yield isDay(first, second, year) || isDay(second, first, year);
			}
			// Month/year ("3/22") or day/month ("19/03").
			case 2 -> (first >= 1 && first <= 12)
					|| (numbers.get(1).length() <= 2 && isDay(first, Integer.parseInt(numbers.get(1)), ANY_LEAP_YEAR));
			default -> first >= 1 && first <= 31;
		};
	}

	private static boolean isDay(int day, int month, int year) {
		return month >= 1 && month <= 12 && day >= 1 && day <= YearMonth.of(year, month).lengthOfMonth();
	}

	private static int fullYear(String year) {
		int value = Integer.parseInt(year);
		return year.length() == 2 ? 2000 + value : value;
	}

}
