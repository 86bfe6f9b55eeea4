package org.proportion.web;

import java.net.URI;
import java.util.Locale;
import java.util.Map;

import org.proportion.ingest.IntakeRejected;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * Every refusal the API gives is an RFC 9457 problem details body: a type and title per kind of
 * fault, a detail that says what to fix, and the older {@code code} and {@code error} properties
 * kept beside them for callers written against the earlier bodies. Details are our own words,
 * naming fields, attendee ids and lines; never an exception's message from elsewhere, and never a
 * personal value.
 */
public final class Problems {

	/** Problem types are URNs: stable names, not pages someone must host. */
	static final String TYPE = "urn:proportion:problem:";

	private Problems() {
	}

	public static ProblemDetail problem(HttpStatusCode status, String code, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create(TYPE + code));
		problem.setTitle(title(code));
		problem.setProperty("code", code);
		problem.setProperty("error", detail);
		return problem;
	}

	/** A refused meeting, request or drop: its code, detail and pointers to what to fix. */
	public static ProblemDetail problem(HttpStatusCode status, IntakeRejected rejected) {
		ProblemDetail problem = problem(status, rejected.code(), rejected.getMessage());
		rejected.properties().forEach(problem::setProperty);
		return problem;
	}

	public static ResponseEntity<Object> respond(HttpStatusCode status, String code, String detail) {
		return respond(problem(status, code, detail));
	}

	/** A refusal of something the caller sent: 409 if it clashes with what is stored, else 400. */
	public static ResponseEntity<Object> refused(IntakeRejected rejected) {
		return respond(problem(statusOf(rejected.code()), rejected));
	}

	static ResponseEntity<Object> respond(ProblemDetail problem) {
		return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	static HttpStatus statusOf(String code) {
		return code.startsWith("duplicate_meeting") ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST;
	}

	/** "unknown_role" reads "Unknown role". */
	static String title(String code) {
		String words = code.replace('_', ' ');
		return words.isEmpty() ? "Problem" : words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
	}

	/** The problem as a plain map, for the Camel routes that answer REST callers themselves. */
	public static Map<String, Object> asMap(ProblemDetail problem) {
		Map<String, Object> map = new java.util.LinkedHashMap<>();
		map.put("type", String.valueOf(problem.getType()));
		map.put("title", problem.getTitle());
		map.put("status", problem.getStatus());
		map.put("detail", problem.getDetail());
		if (problem.getProperties() != null) {
			map.putAll(problem.getProperties());
		}
		return map;
	}

}
