package org.proportion.partnership;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.proportion.model.Attendee;
import org.proportion.model.DataSharingAgreement;
import org.proportion.model.Meeting;
import org.proportion.model.Organisation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Organisations, agreements and meetings, as the partnership registered them. */
@Repository
public class PartnershipRepository {

	private static final Logger log = LoggerFactory.getLogger(PartnershipRepository.class);

	private static final String LIST_SEPARATOR = ",";

	/** Who set a case's purposes when they came with the meeting itself. */
	public static final String SET_WITH_MEETING = "meeting registration";

	private final JdbcClient jdbc;

	PartnershipRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Adds what is not registered yet. Data sharing agreements follow the file: one edited there is
	 * updated here and one removed there ends here, each logged, since an agreement the partners
	 * have ended must stop every share that rested on it.
	 */
	@Transactional
	public void register(Partnership partnership) {
		partnership.organisations().forEach(this::addOrganisation);
		java.util.Set<String> inFile = new java.util.HashSet<>();
		partnership.agreements().forEach(dsa -> {
			inFile.add(dsa.id());
			addOrUpdateAgreement(dsa);
		});
		for (DataSharingAgreement registered : agreements()) {
			if (!inFile.contains(registered.id())) {
				jdbc.sql("delete from data_sharing_agreement where id = ?").param(registered.id()).update();
				log.info("Data sharing agreement {} is no longer in the partnership file: ended", registered.id());
			}
		}
		partnership.meetings().forEach(meeting -> addMeeting(meeting, SET_WITH_MEETING));
	}

	private void addOrUpdateAgreement(DataSharingAgreement dsa) {
		Optional<DataSharingAgreement> registered = agreements().stream().filter(a -> a.id().equals(dsa.id())).findFirst();
		if (registered.isEmpty()) {
			addAgreement(dsa);
			return;
		}
		if (!registered.get().equals(dsa)) {
			jdbc.sql("""
					update data_sharing_agreement set title = ?, parties = ?, purposes = ?, categories = ?, review_date = ?
					where id = ?""")
				.params(dsa.title(), join(dsa.parties()), join(dsa.purposes()), join(dsa.categories()), dsa.reviewDate(),
						dsa.id())
				.update();
			log.info("Data sharing agreement {} changed in the partnership file: updated", dsa.id());
		}
	}

	private void addOrganisation(Organisation org) {
		if (organisation(org.id()).isPresent()) {
			return;
		}
		jdbc.sql("insert into organisation (id, name, type) values (?, ?, ?)")
			.params(org.id(), org.name(), org.type())
			.update();
	}

	private void addAgreement(DataSharingAgreement dsa) {
		if (count("data_sharing_agreement", dsa.id()) > 0) {
			return;
		}
		jdbc.sql("""
				insert into data_sharing_agreement (id, title, parties, purposes, categories, review_date)
				values (?, ?, ?, ?, ?, ?)""")
			.params(dsa.id(), dsa.title(), join(dsa.parties()), join(dsa.purposes()), join(dsa.categories()),
					dsa.reviewDate())
			.update();
	}

	/** Registers one meeting (from the calendar API or a dropped file); false if the id is taken. */
	@Transactional
	public boolean addIfNew(Meeting meeting) {
		return addIfNew(meeting, SET_WITH_MEETING);
	}

	/** @param setBy who set the agenda's case purposes, kept beside each setting */
	@Transactional
	public boolean addIfNew(Meeting meeting, String setBy) {
		if (count("meeting", meeting.id()) > 0) {
			return false;
		}
		addMeeting(meeting, setBy);
		return true;
	}

	/**
	 * Changes a registered meeting to this one (same id): its details, attendees and agenda. A case
	 * whose purposes change, or that leaves the agenda with purposes set, gets a new setting in its
	 * history, so who changed what stays on record. An attendee can be taken off only while no
	 * view or link of theirs exists: after that the database refuses (their views and links name
	 * them) and nothing of the edit is kept; the organiser revokes their link instead.
	 *
	 * @return false if no meeting has this id
	 * @throws AttendeeHoldsPack if a removed attendee already has a view or link
	 */
	@Transactional
	public boolean replace(Meeting meeting, String setBy) {
		Optional<Meeting> registered = meeting(meeting.id());
		if (registered.isEmpty()) {
			return false;
		}
		jdbc.sql("""
				update meeting set title = ?, type = ?, purpose = ?, meeting_date = ?, cohort = ?, agenda = ?, starts_at = ?,
				    build_hours_before = ?, organiser_email = ?, repeat_every_days = ?
				where id = ?""")
			.params(meeting.title(), meeting.type(), meeting.purpose(), meeting.date(), meeting.cohort(),
					join(meeting.agenda()), Timestamp.valueOf(meeting.startsAt()), meeting.buildHoursBefore(),
					meeting.organiserEmail(), meeting.repeatEveryDays(), meeting.id())
			.update();
		Map<String, List<String>> before = registered.get().purposes();
		for (String caseRef : meeting.agenda()) {
			List<String> now = meeting.purposesOf(caseRef);
			if (!now.equals(before.getOrDefault(caseRef, List.of()))) {
				setPurposes(meeting.id(), caseRef, now, setBy);
			}
		}
		before.forEach((caseRef, purposes) -> {
			if (!meeting.agenda().contains(caseRef) && !purposes.isEmpty()) {
				setPurposes(meeting.id(), caseRef, List.of(), setBy);
			}
		});
		java.util.Set<String> kept = new java.util.HashSet<>();
		int position = 0;
		for (Attendee attendee : meeting.attendees()) {
			kept.add(attendee.id());
			int updated = jdbc.sql("""
					update attendee set name = ?, role = ?, organisation_id = ?, position = ?, email = ?
					where meeting_id = ? and id = ?""")
				.params(attendee.name(), attendee.role(), attendee.organisationId(), position, attendee.email(),
						meeting.id(), attendee.id())
				.update();
			if (updated == 0) {
				jdbc.sql("""
						insert into attendee (id, meeting_id, name, role, organisation_id, position, email)
						values (?, ?, ?, ?, ?, ?, ?)""")
					.params(attendee.id(), meeting.id(), attendee.name(), attendee.role(), attendee.organisationId(),
							position, attendee.email())
					.update();
			}
			position++;
		}
		for (Attendee gone : registered.get().attendees()) {
			if (!kept.contains(gone.id())) {
				try {
					jdbc.sql("delete from attendee where meeting_id = ? and id = ?").params(meeting.id(), gone.id()).update();
				}
				catch (org.springframework.dao.DataIntegrityViolationException ex) {
					throw new AttendeeHoldsPack(gone.id());
				}
			}
		}
		return true;
	}

	/** An attendee who was sent a pack stays on the meeting's record: revoke their link instead. */
	public static class AttendeeHoldsPack extends RuntimeException {

		private final String attendeeId;

		AttendeeHoldsPack(String attendeeId) {
			super("Attendee " + attendeeId + " already has a view or link of this meeting's pack, so cannot be taken off;"
					+ " revoke their link instead");
			this.attendeeId = attendeeId;
		}

		public String attendeeId() {
			return attendeeId;
		}

	}

	/** Sets the purposes of one agenda case; every setting is kept with who set it and when. */
	@Transactional
	public void setPurposes(String meetingId, String caseRef, List<String> purposes, String setBy) {
		int seq = jdbc.sql("select coalesce(max(seq), 0) from agenda_purpose where meeting_id = ? and case_ref = ?")
			.params(meetingId, caseRef)
			.query(Integer.class)
			.single() + 1;
		jdbc.sql("""
				insert into agenda_purpose (meeting_id, case_ref, seq, purposes, set_by, set_at)
				values (?, ?, ?, ?, ?, ?)""")
			.params(meetingId, caseRef, seq, join(purposes), setBy, Timestamp.from(java.time.Instant.now()))
			.update();
	}

	/** Every setting of a case's purposes at a meeting, oldest first: what, who, when. */
	public List<Map<String, Object>> purposeHistory(String meetingId, String caseRef) {
		return jdbc.sql("""
				select purposes, set_by, set_at from agenda_purpose where meeting_id = ? and case_ref = ? order by seq""")
			.params(meetingId, caseRef)
			.query((rs, n) -> Map.<String, Object>of("purposes", split(rs.getString("purposes")), "setBy",
					rs.getString("set_by"), "setAt", rs.getTimestamp("set_at").toInstant().toString()))
			.list();
	}

	private Map<String, List<String>> currentPurposes(String meetingId) {
		Map<String, List<String>> current = new LinkedHashMap<>();
		jdbc.sql("select case_ref, purposes from agenda_purpose where meeting_id = ? order by case_ref, seq")
			.param(meetingId)
			.query(rs -> {
				current.put(rs.getString("case_ref"), split(rs.getString("purposes")));
			});
		return current;
	}

	private void addMeeting(Meeting meeting, String setBy) {
		if (count("meeting", meeting.id()) > 0) {
			return;
		}
		jdbc.sql("""
				insert into meeting (id, title, type, purpose, meeting_date, cohort, agenda, starts_at,
				    build_hours_before, organiser_email, repeat_every_days, requested_fields)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(meeting.id(), meeting.title(), meeting.type(), meeting.purpose(), meeting.date(),
					meeting.cohort(), join(meeting.agenda()), Timestamp.valueOf(meeting.startsAt()),
					meeting.buildHoursBefore(), meeting.organiserEmail(), meeting.repeatEveryDays(),
					meeting.requestedFields() == null ? null : join(meeting.requestedFields()))
			.update();
		meeting.purposes().forEach((caseRef, purposes) -> setPurposes(meeting.id(), caseRef, purposes, setBy));
		int position = 0;
		for (Attendee attendee : meeting.attendees()) {
			jdbc.sql("""
					insert into attendee (id, meeting_id, name, role, organisation_id, position, email)
					values (?, ?, ?, ?, ?, ?, ?)""")
				.params(attendee.id(), meeting.id(), attendee.name(), attendee.role(), attendee.organisationId(),
						position++, attendee.email())
				.update();
		}
	}

	public Optional<Organisation> organisation(String id) {
		return jdbc.sql("select id, name, type from organisation where id = ?")
			.param(id)
			.query((rs, n) -> new Organisation(rs.getString("id"), rs.getString("name"), rs.getString("type")))
			.optional();
	}

	public List<Organisation> organisations() {
		return jdbc.sql("select id, name, type from organisation order by id")
			.query((rs, n) -> new Organisation(rs.getString("id"), rs.getString("name"), rs.getString("type")))
			.list();
	}

	/** Every organisation by its id, for looking names and types up. */
	public Map<String, Organisation> organisationsById() {
		Map<String, Organisation> byId = new LinkedHashMap<>();
		organisations().forEach(o -> byId.put(o.id(), o));
		return byId;
	}

	public List<DataSharingAgreement> agreements() {
		return jdbc.sql("select * from data_sharing_agreement order by id").query(this::agreement).list();
	}

	public List<Meeting> meetings() {
		return jdbc.sql("select id from meeting order by meeting_date, id")
			.query(String.class)
			.list()
			.stream()
			.map(id -> meeting(id).orElseThrow())
			.toList();
	}

	/** One attendee of one meeting, without reading the meeting's agenda (opening a view needs no more). */
	public Optional<Attendee> attendee(String meetingId, String attendeeId) {
		return jdbc.sql("select id, name, role, organisation_id, email from attendee where meeting_id = ? and id = ?")
			.params(meetingId, attendeeId)
			.query((rs, n) -> new Attendee(rs.getString("id"), rs.getString("name"), rs.getString("role"),
					rs.getString("organisation_id"), rs.getString("email")))
			.optional();
	}

	public Optional<Meeting> meeting(String id) {
		List<Attendee> attendees = jdbc
			.sql("select id, name, role, organisation_id, email from attendee where meeting_id = ? order by position")
			.param(id)
			.query((rs, n) -> new Attendee(rs.getString("id"), rs.getString("name"), rs.getString("role"),
					rs.getString("organisation_id"), rs.getString("email")))
			.list();
		// Read before the meeting's row, never inside its row mapper: a query inside another holds
		// two pooled connections at once, and many attendees opening views together then wait on
		// each other until the pool times out.
		Map<String, List<String>> purposes = currentPurposes(id);
		return jdbc.sql("select * from meeting where id = ?")
			.param(id)
			.query((rs, n) -> new Meeting(rs.getString("id"), rs.getString("title"), rs.getString("type"),
					rs.getString("purpose"), rs.getDate("meeting_date").toLocalDate(), rs.getString("cohort"),
					attendees, split(rs.getString("agenda")),
					rs.getTimestamp("starts_at") == null ? null : rs.getTimestamp("starts_at").toLocalDateTime(),
					(Integer) rs.getObject("build_hours_before", Integer.class), rs.getString("organiser_email"),
					(Integer) rs.getObject("repeat_every_days", Integer.class), purposes,
					rs.getString("requested_fields") == null ? null : split(rs.getString("requested_fields"))))
			.optional();
	}

	private DataSharingAgreement agreement(ResultSet rs, int row) throws SQLException {
		return new DataSharingAgreement(rs.getString("id"), rs.getString("title"), split(rs.getString("parties")),
				split(rs.getString("purposes")), split(rs.getString("categories")),
				rs.getDate("review_date").toLocalDate());
	}

	private int count(String table, String id) {
		return jdbc.sql("select count(*) from " + table + " where id = ?").param(id).query(Integer.class).single();
	}

	private static String join(List<String> values) {
		return String.join(LIST_SEPARATOR, values);
	}

	private static List<String> split(String joined) {
		return joined == null || joined.isBlank() ? List.of() : Arrays.asList(joined.split(LIST_SEPARATOR));
	}

}
