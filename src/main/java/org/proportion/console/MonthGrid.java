package org.proportion.console;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.proportion.model.Meeting;

/**
 * One month as a table of weeks, Monday first (as UK calendars are): a day outside the month is
 * an empty cell, so each column stays one weekday and a screen reader reads "Tuesday" with each
 * day. Only the month's meetings are placed, each on its day, soonest first.
 */
record MonthGrid(YearMonth month, String caption, List<String> weekdays, List<String> weekdaysShort, List<List<Day>> weeks,
		String previous, String next, int meetings) {

	/** A day of the month (null date: a cell outside the month) and its meetings. */
	record Day(LocalDate date, boolean today, List<Meeting> meetings) {

		public String label() {
			return date == null ? "" : date.format(DateTimeFormatter.ofPattern("EEEE d MMMM", Locale.UK));
		}

	}

	static MonthGrid of(YearMonth month, List<Meeting> all, LocalDate today) {
		List<Meeting> inMonth = all.stream()
			.filter(m -> m.startsAt() != null && YearMonth.from(m.startsAt()).equals(month))
			.sorted(Comparator.comparing(Meeting::startsAt))
			.toList();
		List<List<Day>> weeks = new ArrayList<>();
		List<Day> week = new ArrayList<>();
		int lead = month.atDay(1).getDayOfWeek().getValue() - 1;
		for (int i = 0; i < lead; i++) {
			week.add(new Day(null, false, List.of()));
		}
		for (int d = 1; d <= month.lengthOfMonth(); d++) {
			LocalDate date = month.atDay(d);
			week.add(new Day(date, date.equals(today),
					inMonth.stream().filter(m -> m.startsAt().toLocalDate().equals(date)).toList()));
			if (week.size() == 7) {
				weeks.add(week);
				week = new ArrayList<>();
			}
		}
		if (!week.isEmpty()) {
			while (week.size() < 7) {
				week.add(new Day(null, false, List.of()));
			}
			weeks.add(week);
		}
		List<String> names = new ArrayList<>();
		List<String> shortNames = new ArrayList<>();
		for (DayOfWeek day : DayOfWeek.values()) {
			names.add(day.getDisplayName(TextStyle.FULL, Locale.UK));
			shortNames.add(day.getDisplayName(TextStyle.SHORT, Locale.UK));
		}
		return new MonthGrid(month, month.format(DateTimeFormatter.ofPattern("MMMM yyyy", Locale.UK)), names, shortNames,
				weeks, month.minusMonths(1).toString(), month.plusMonths(1).toString(), inMonth.size());
	}

	public String nameOf(YearMonth other) {
		return other.format(DateTimeFormatter.ofPattern("MMMM yyyy", Locale.UK));
	}

	public String previousName() {
		return nameOf(month.minusMonths(1));
	}

	public String nextName() {
		return nameOf(month.plusMonths(1));
	}

}
