package org.proportion.web;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Problem details for the API endpoints that Camel routes answer themselves (pack builds), so
 * their refusals read like every other endpoint's.
 */
@Component("routeProblems")
public class RouteProblems {

	public Map<String, Object> unknownMeeting(String meeting) {
		return Problems.asMap(Problems.problem(HttpStatus.NOT_FOUND, "unknown_meeting",
				"No meeting is registered with id " + meeting + ": check the meeting id in the address"));
	}

	/** Another gateway has been building the meeting for longer than this one waits. */
	public Map<String, Object> buildInProgress(String meeting) {
		return Problems.asMap(Problems.problem(HttpStatus.CONFLICT, "build_in_progress",
				"Another gateway is building the pack of meeting " + meeting
						+ " now: fetch its packs in a minute, or ask again to build from what it released"));
	}

}
