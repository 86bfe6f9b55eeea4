package org.proportion.model;

import java.time.LocalDate;
import java.util.List;

/**
 * A multi-agency meeting: what it is for, who attends and which cases are on the agenda. The
 * cohort names the housing status whose caseload the trends are counted over (null: all).
 */
public record Meeting(String id, String title, String type, String purpose, LocalDate date, String cohort,
		List<Attendee> attendees, List<String> agenda) {

	public Meeting {
		attendees = List.copyOf(attendees);
		agenda = List.copyOf(agenda);
	}

}
