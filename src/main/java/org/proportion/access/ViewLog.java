package org.proportion.access;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Who opened which view, in which format, when; kept beside the decision log, with no content. */
@Repository
public class ViewLog {

	private final JdbcClient jdbc;

	private final Clock clock;

	ViewLog(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	public void record(String meetingId, String packId, String attendeeId, String role, String organisation,
			String format) {
		jdbc.sql("""
				insert into view_log (viewed_at, meeting_id, pack_id, attendee_id, attendee_role, attendee_org, format)
				values (?, ?, ?, ?, ?, ?, ?)""")
			.params(Timestamp.from(clock.instant()), meetingId, packId, attendeeId, role, organisation, format)
			.update();
	}

	/** One opening of one view. */
	public record Opening(Instant viewedAt, String packId, String attendeeId, String attendeeRole,
			String attendeeOrganisation, String format) {
	}

	public List<Opening> ofMeeting(String meetingId) {
		return jdbc.sql("""
				select viewed_at, pack_id, attendee_id, attendee_role, attendee_org, format
				from view_log where meeting_id = ? order by id""")
			.param(meetingId)
			.query((rs, n) -> new Opening(rs.getTimestamp("viewed_at").toInstant(), rs.getString("pack_id"),
					rs.getString("attendee_id"), rs.getString("attendee_role"), rs.getString("attendee_org"),
					rs.getString("format")))
			.list();
	}

}
