package org.proportion.requests;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.proportion.ingest.IntakeRejected;
import org.proportion.model.Attendee;
import org.proportion.model.Meeting;
import org.proportion.schedule.MeetingCalendar;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Requests for one person's data outside a meeting. A request names who asks, for which stated
 * purpose and which fields; a designated person (the DPO) approves or refuses it. An approved
 * request becomes a one-recipient "meeting" whose pack may release only the named fields, so it
 * goes through the same policy, links, watermark, ledger and decision log as any pack.
 */
@Repository
public class DisclosureRequests {

	/** The kinds of request and the policy purpose each is decided under. */
	public static final Map<String, String> PURPOSE_OF_KIND = Map.of("crime", "crime_request", "public_authority",
			"public_authority_request");

	/** The case purpose a crime request sets, so the police may know who the person is. */
	static final String LAW_ENFORCEMENT = "law_enforcement_request";

	public static final String PENDING = "pending";

	public static final String APPROVED = "approved";

	public static final String REFUSED = "refused";

	private final JdbcClient jdbc;

	private final Clock clock;

	private final MeetingCalendar calendar;

	DisclosureRequests(JdbcClient jdbc, Clock clock, MeetingCalendar calendar) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.calendar = calendar;
	}

	public record Request(String id, String kind, String caseRef, String requesterName, String requesterRole,
			String requesterOrg, String requesterEmail, String statedPurpose, List<String> fields, String receivedBy,
			Instant receivedAt, String status, String decidedBy, Instant decidedAt, String decisionNote,
			String meetingId) {
	}

	/** Records a request; refuses one that the policy could not decide, saying what to fix. */
	@Transactional
	public Request receive(String kind, String caseRef, String requesterName, String requesterRole,
			String requesterOrg, String requesterEmail, String statedPurpose, List<String> fields, String receivedBy) {
		if (!PURPOSE_OF_KIND.containsKey(kind)) {
			throw new IntakeRejected("unknown_kind", "A request's kind must be one of " + PURPOSE_OF_KIND.keySet());
		}
		if (blank(caseRef) || blank(requesterName) || blank(requesterRole) || blank(requesterOrg)
				|| blank(statedPurpose) || fields == null || fields.isEmpty()) {
			throw new IntakeRejected("incomplete_request",
					"A request needs the case, the requester's name, role and organisation, a stated purpose and the fields it needs");
		}
		String id = "R-" + UUID.randomUUID().toString().substring(0, 8);
		// Checked as the meeting it would become, so an approval never fails on the request's words.
		calendar.checkAgainstPolicy(asMeeting(id, kind, caseRef, requesterName, requesterRole, requesterOrg,
				requesterEmail, fields));
		jdbc.sql("""
				insert into disclosure_request (id, kind, case_ref, requester_name, requester_role, requester_org,
				    requester_email, stated_purpose, fields, received_by, received_at, status)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, kind, caseRef, requesterName.strip(), requesterRole, requesterOrg, requesterEmail,
					statedPurpose.strip(), String.join(",", fields), receivedBy, Timestamp.from(clock.instant()), PENDING)
			.update();
		return find(id).orElseThrow();
	}

	public List<Request> pending() {
		return jdbc.sql("select * from disclosure_request where status = ? order by received_at")
			.param(PENDING)
			.query(this::map)
			.list();
	}

	public Optional<Request> find(String id) {
		return jdbc.sql("select * from disclosure_request where id = ?").param(id).query(this::map).optional();
	}

	/**
	 * Approves a pending request: registers the one-recipient meeting it becomes (its only
	 * attendee the requester, its agenda the one case, its fields the requested ones).
	 */
	@Transactional
	public Optional<Meeting> approve(String id, String decidedBy, String note) {
		Request request = find(id).filter(r -> r.status().equals(PENDING)).orElse(null);
		if (request == null) {
			return Optional.empty();
		}
		Meeting meeting = asMeeting(request.id(), request.kind(), request.caseRef(), request.requesterName(),
				request.requesterRole(), request.requesterOrg(), request.requesterEmail(), request.fields());
		calendar.add(meeting, decidedBy);
		decide(id, APPROVED, decidedBy, note, meeting.id());
		return Optional.of(meeting);
	}

	@Transactional
	public boolean refuse(String id, String decidedBy, String note) {
		return find(id).filter(r -> r.status().equals(PENDING)).map(r -> {
			decide(id, REFUSED, decidedBy, note, null);
			return true;
		}).orElse(false);
	}

	private void decide(String id, String status, String decidedBy, String note, String meetingId) {
		jdbc.sql("""
				update disclosure_request set status = ?, decided_by = ?, decided_at = ?, decision_note = ?, meeting_id = ?
				where id = ? and status = ?""")
			.params(status, decidedBy, Timestamp.from(clock.instant()), note, meetingId, id, PENDING)
			.update();
	}

	private Meeting asMeeting(String id, String kind, String caseRef, String name, String role, String org,
			String email, List<String> fields) {
		LocalDateTime now = LocalDateTime.now(clock.withZone(ZoneOffset.UTC)).withNano(0);
		String meetingId = "request-" + id.toLowerCase();
		Attendee requester = new Attendee(meetingId + "-requester", name, role, org, email);
		Map<String, List<String>> purposes = kind.equals("crime") ? Map.of(caseRef, List.of(LAW_ENFORCEMENT)) : Map.of();
		return new Meeting(meetingId, "Request " + id, "request", PURPOSE_OF_KIND.get(kind), now.toLocalDate(), null,
				List.of(requester), List.of(caseRef), now, 0, null, null, purposes, fields);
	}

	private Request map(ResultSet rs, int row) throws SQLException {
		Timestamp decided = rs.getTimestamp("decided_at");
		return new Request(rs.getString("id"), rs.getString("kind"), rs.getString("case_ref"),
				rs.getString("requester_name"), rs.getString("requester_role"), rs.getString("requester_org"),
				rs.getString("requester_email"), rs.getString("stated_purpose"),
				Arrays.asList(rs.getString("fields").split(",")), rs.getString("received_by"),
				rs.getTimestamp("received_at").toInstant(), rs.getString("status"), rs.getString("decided_by"),
				decided == null ? null : decided.toInstant(), rs.getString("decision_note"), rs.getString("meeting_id"));
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}

}
