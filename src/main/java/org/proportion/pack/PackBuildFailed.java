package org.proportion.pack;

import java.util.Map;

/** No pack was released for a meeting; the code says why, and a later build retries. */
public class PackBuildFailed extends RuntimeException {

	private final String meetingId;

	private final String code;

	public PackBuildFailed(String meetingId, String code, String detail, Throwable cause) {
		super(detail, cause);
		this.meetingId = meetingId;
		this.code = code;
	}

	public String code() {
		return code;
	}

	/** What a REST caller is told: no personal data, just what failed. */
	public Map<String, Object> getSummary() {
		return Map.of("meeting", meetingId, "released", false, "code", code, "detail", getMessage());
	}

}
