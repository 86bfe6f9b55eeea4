package org.proportion.emergency;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Emergency shares to protect life: a named person and a reason, for one case at one meeting.
 * The policy releases what is needed at once on vital interests; the DPO reviews each one after.
 */
@Repository
public class Emergencies {

	private final JdbcClient jdbc;

	private final Clock clock;

	Emergencies(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** @param responders the attendees who will act on it: the only ones it releases anything to */
	public record Emergency(String id, String meetingId, String caseRef, String requestedBy, String reason,
			Instant requestedAt, Instant reviewedAt, String reviewedBy, String justification, List<String> responders) {
	}

	@Transactional
	public Emergency record(String meetingId, String caseRef, String requestedBy, String reason,
			List<String> responders) {
		if (requestedBy == null || requestedBy.isBlank() || reason == null || reason.isBlank()) {
			throw new IllegalArgumentException("An emergency share needs the name of the person asking and a reason");
		}
		if (responders == null || responders.isEmpty() || responders.stream().anyMatch(r -> r == null || r.isBlank())) {
			throw new IllegalArgumentException("An emergency share names the attendees who will respond");
		}
		String id = "E-" + java.util.UUID.randomUUID().toString().substring(0, 8);
		Instant now = clock.instant();
		jdbc.sql("""
				insert into emergency_share (id, meeting_id, case_ref, requested_by, reason, requested_at, responders)
				values (?, ?, ?, ?, ?, ?, ?)""")
			.params(id, meetingId, caseRef, requestedBy.strip(), reason.strip(), Timestamp.from(now),
					String.join(",", responders))
			.update();
		return find(id).orElseThrow();
	}

	/** An emergency stays in force for 72 hours, or until the DPO has reviewed it. */
	public static final Duration IN_FORCE = Duration.ofHours(72);

	/**
	 * Emergencies whose force ended (reviewed, or 72 hours passed) since a time: the views built
	 * while they were in force still hold what they released, so their meetings are rebuilt.
	 */
	public List<Emergency> endedSince(Instant since) {
		Instant now = clock.instant();
		return jdbc.sql("""
				select * from emergency_share where (reviewed_at > ? and reviewed_at <= ?)
				or (requested_at > ? and requested_at <= ?)""")
			.params(Timestamp.from(since), Timestamp.from(now), Timestamp.from(since.minus(IN_FORCE)),
					Timestamp.from(now.minus(IN_FORCE)))
			.query(this::map)
			.list();
	}

	/** The emergency in force for a case at a meeting, if any (the latest one). */
	public Optional<Emergency> forCase(String meetingId, String caseRef) {
		return jdbc.sql("""
				select * from emergency_share where meeting_id = ? and case_ref = ? and reviewed_at is null
				and requested_at > ? order by requested_at desc""")
			.params(meetingId, caseRef, Timestamp.from(clock.instant().minus(IN_FORCE)))
			.query(this::map)
			.list()
			.stream()
			.findFirst();
	}

	/** The emergency share in force for each case of the meeting (the latest), in one query. */
	public java.util.Map<String, Emergency> inForce(String meetingId) {
		java.util.Map<String, Emergency> byCase = new java.util.HashMap<>();
		jdbc.sql("""
				select * from emergency_share where meeting_id = ? and reviewed_at is null
				and requested_at > ? order by requested_at desc""")
			.params(meetingId, Timestamp.from(clock.instant().minus(IN_FORCE)))
			.query(this::map)
			.list()
			.forEach(e -> byCase.putIfAbsent(e.caseRef(), e));
		return byCase;
	}

	public List<Emergency> awaitingReview() {
		return jdbc.sql("select * from emergency_share where reviewed_at is null order by requested_at")
			.query(this::map)
			.list();
	}

	@Transactional
	public Optional<Emergency> review(String id, String reviewedBy, String justification) {
		int updated = jdbc.sql("""
				update emergency_share set reviewed_at = ?, reviewed_by = ?, justification = ?
				where id = ? and reviewed_at is null""")
			.params(Timestamp.from(clock.instant()), reviewedBy, justification, id)
			.update();
		return updated == 1 ? find(id) : Optional.empty();
	}

	public Optional<Emergency> find(String id) {
		return jdbc.sql("select * from emergency_share where id = ?").param(id).query(this::map).optional();
	}

	private Emergency map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		Timestamp reviewed = rs.getTimestamp("reviewed_at");
		return new Emergency(rs.getString("id"), rs.getString("meeting_id"), rs.getString("case_ref"),
				rs.getString("requested_by"), rs.getString("reason"), rs.getTimestamp("requested_at").toInstant(),
				reviewed == null ? null : reviewed.toInstant(), rs.getString("reviewed_by"), rs.getString("justification"),
				rs.getString("responders") == null ? List.of() : List.of(rs.getString("responders").split(",")));
	}

}
