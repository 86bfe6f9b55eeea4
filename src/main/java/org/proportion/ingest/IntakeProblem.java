package org.proportion.ingest;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.stereotype.Component;

/**
 * What an agency posting records is told when its drop is parked or refused: RFC 9457 problem
 * details (type, title, status, detail) around the parked reason, whose code, source and parking
 * time stay as properties for callers that already read them. The detail is the reason's own,
 * which names records and columns, never values.
 */
@Component("intakeProblem")
public class IntakeProblem {

	public static final String MEDIA_TYPE = "application/problem+json";

	/** @param reason the reason {@link DeadLetter} wrote beside the parked drop */
	public Map<String, Object> of(Map<String, Object> reason, int status) {
		String code = String.valueOf(reason.getOrDefault("code", "intake_failed"));
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", "urn:proportion:problem:" + code);
		problem.put("title", title(code));
		problem.put("status", status);
		problem.put("detail", reason.get("detail"));
		reason.forEach(problem::putIfAbsent);
		return problem;
	}

	private static String title(String code) {
		String words = code.replace('_', ' ');
		return words.isEmpty() ? "Intake problem" : words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
	}

}
