package org.proportion.model;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/**
 * A multi-agency meeting: what it is for, who attends and which cases are on the agenda. The
 * cohort names the housing status whose caseload the trends are counted over (null: all). The
 * pack is built {@code buildHoursBefore} hours before {@code startsAt} (24 if not set); a meeting
 * that repeats every {@code repeatEveryDays} days gets its next occurrence once it has started.
 */
public record Meeting(String id, String title, String type, String purpose, LocalDate date, String cohort,
		List<Attendee> attendees, List<String> agenda, LocalDateTime startsAt, Integer buildHoursBefore,
		String organiserEmail, Integer repeatEveryDays) {

	public Meeting {
		attendees = List.copyOf(attendees);
		agenda = List.copyOf(agenda);
		if (startsAt == null && date != null) {
			startsAt = date.atTime(10, 0);
		}
		if (date == null && startsAt != null) {
			date = startsAt.toLocalDate();
		}
		buildHoursBefore = buildHoursBefore == null ? 24 : buildHoursBefore;
	}

	public Meeting(String id, String title, String type, String purpose, LocalDate date, String cohort,
			List<Attendee> attendees, List<String> agenda) {
		this(id, title, type, purpose, date, cohort, attendees, agenda, null, null, null, null);
	}

}
