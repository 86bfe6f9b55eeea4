package org.proportion.model;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A multi-agency meeting: what it is for, who attends and which cases are on the agenda. The
 * cohort names the housing status whose caseload the trends are counted over (null: all). The
 * pack is built {@code buildHoursBefore} hours before {@code startsAt} (24 if not set); a meeting
 * that repeats every {@code repeatEveryDays} days gets its next occurrence once it has started.
 *
 * @param purposes per agenda case, the purposes the organiser set for it (safeguarding concern,
 * risk to others, duty to refer...): what a non-support agency may need named details for
 * @param requestedFields for a one-recipient pack made from an approved request, the only fields
 * it may release; null for a meeting
 */
public record Meeting(String id, String title, String type, String purpose, LocalDate date, String cohort,
		List<Attendee> attendees, List<String> agenda, LocalDateTime startsAt, Integer buildHoursBefore,
		String organiserEmail, Integer repeatEveryDays, Map<String, List<String>> purposes,
		List<String> requestedFields) {

	public Meeting {
		// Missing lists are kept empty, not a failure here, so the calendar can name them.
		attendees = attendees == null ? List.of() : List.copyOf(attendees);
		agenda = agenda == null ? List.of() : List.copyOf(agenda);
		Map<String, List<String>> copy = new LinkedHashMap<>();
		if (purposes != null) {
			purposes.forEach((caseRef, list) -> copy.put(caseRef, List.copyOf(list)));
		}
		purposes = java.util.Collections.unmodifiableMap(copy);
		requestedFields = requestedFields == null ? null : List.copyOf(requestedFields);
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

	public Meeting(String id, String title, String type, String purpose, LocalDate date, String cohort,
			List<Attendee> attendees, List<String> agenda, LocalDateTime startsAt, Integer buildHoursBefore,
			String organiserEmail, Integer repeatEveryDays) {
		this(id, title, type, purpose, date, cohort, attendees, agenda, startsAt, buildHoursBefore, organiserEmail,
				repeatEveryDays, null, null);
	}

	/** The purposes set for one case on the agenda (none: a routine case). */
	public List<String> purposesOf(String caseRef) {
		return purposes.getOrDefault(caseRef, List.of());
	}

}
