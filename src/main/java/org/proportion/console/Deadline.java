package org.proportion.console;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Set;

import org.proportion.rights.RightsService;

/**
 * An open subject access request and how long is left to answer it: a month from receipt, and
 * the DPO must see at a glance which are close or late.
 */
record Deadline(String id, Set<String> caseRefs, LocalDate receivedOn, LocalDate dueOn, long daysLeft) {

	static Deadline of(RightsService.Request request, LocalDate today) {
		return new Deadline(request.id(), request.caseRefs(), request.receivedOn(), request.dueOn(),
				ChronoUnit.DAYS.between(today, request.dueOn()));
	}

	public String left() {
		return daysLeft < 0 ? "overdue by " + -daysLeft + (daysLeft == -1 ? " day" : " days")
				: daysLeft == 0 ? "due today" : daysLeft + (daysLeft == 1 ? " day" : " days") + " left";
	}

}
