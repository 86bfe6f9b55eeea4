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

}
