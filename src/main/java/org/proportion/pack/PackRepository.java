package org.proportion.pack;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.proportion.model.Attendee;
import org.proportion.storage.Compressed;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Packs and their rendered views. A pack is stored released, with all its views, or failed. */
@Repository
public class PackRepository {

	public static final String RELEASED = "released";

	public static final String FAILED = "failed";

	// A view's pack is the given version of the meeting or an earlier one (parameters: the meeting, the pack).
	private static final String UP_TO_VERSION = """
			pack_id in (select id from pack where meeting_id = ? and version <= (select version from pack where id = ?))""";

	private final JdbcClient jdbc;

	// At most 64 million characters of recently opened views (a 200-case view is about a million).
	private final StoredViews views = new StoredViews(64_000_000L);

	PackRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	int nextVersion(String meetingId) {
		return jdbc.sql("select coalesce(max(version), 0) + 1 from pack where meeting_id = ?")
			.param(meetingId)
			.query(Integer.class)
			.single();
	}

	void insert(String packId, String meetingId, int version, String status, Instant builtAt, String revision,
			String failureCode) {
		insert(packId, meetingId, version, status, builtAt, revision, failureCode, null);
	}

	void insert(String packId, String meetingId, int version, String status, Instant builtAt, String revision,
			String failureCode, String fingerprint) {
		insert(packId, meetingId, version, status, builtAt, revision, failureCode, fingerprint, null);
	}

	/** @param agendaDigest the agenda records the pack was built from ({@link AgendaDigest}) */
	void insert(String packId, String meetingId, int version, String status, Instant builtAt, String revision,
			String failureCode, String fingerprint, String agendaDigest) {
		jdbc.sql("""
				insert into pack (id, meeting_id, version, status, built_at, policy_revision, failure_code, fingerprint,
				    agenda_digest)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(packId, meetingId, version, status, Timestamp.from(builtAt), revision, failureCode, fingerprint,
					agendaDigest)
			.update();
	}

	/**
	 * A rebuild came to exactly the live pack from these agenda records: the live pack stands for
	 * them, so the schedule does not find it stale again (and rebuild it at every run).
	 */
	void confirmAgenda(String packId, String agendaDigest) {
		jdbc.sql("update pack set agenda_digest = ? where id = ?").params(agendaDigest, packId).update();
	}

	/** The digest of the agenda records the pack was built from, or empty (released before V33). */
	public Optional<String> agendaDigest(String packId) {
		return jdbc.sql("select agenda_digest from pack where id = ?")
			.param(packId)
			.query(String.class)
			.list()
			.stream()
			.filter(java.util.Objects::nonNull)
			.findFirst();
	}

	/**
	 * The live pack of the meeting when it was released with this fingerprint and still holds a
	 * view for each of these attendees: a rebuild that comes to the same pack need release nothing.
	 */
	Optional<String> liveWithFingerprint(String meetingId, String fingerprint, int attendees) {
		return latestReleasedId(meetingId).filter(id -> jdbc.sql("""
				select count(*) from pack p join attendee_view v on v.pack_id = p.id
				where p.id = ? and p.fingerprint = ?""")
			.params(id, fingerprint)
			.query(Integer.class)
			.single() == attendees);
	}

	/**
	 * The view of one attendee of the pack's meeting (attendee ids are unique only within a
	 * meeting), as JSON and HTML, each gzip-compressed, and the hash of its content.
	 */
	void insertView(String packId, Attendee attendee, String meetingId, byte[] jsonGz, byte[] htmlGz, String contentHash) {
		jdbc.sql("""
				insert into attendee_view (pack_id, meeting_id, attendee_id, json_gz, html_gz, content_hash, attendee_role,
				    attendee_org)
				values (?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(packId, meetingId, attendee.id(), jsonGz, htmlGz, contentHash, attendee.role(),
					attendee.organisationId())
			.update();
	}

	/** How many of the meeting's packs are still held (not deleted for retention). */
	public int heldCount(String meetingId) {
		return jdbc.sql("select count(*) from pack where meeting_id = ? and deleted_at is null")
			.param(meetingId)
			.query(Integer.class)
			.single();
	}

	/** The meeting's packs still held, by id. */
	public List<String> heldIds(String meetingId) {
		return jdbc.sql("select id from pack where meeting_id = ? and deleted_at is null").param(meetingId).query(String.class).list();
	}

	/**
	 * Every pack of the meeting, oldest version first, whatever became of it (released,
	 * superseded, failed, deleted for retention): the decision log keeps entries of each.
	 */
	public List<String> packIds(String meetingId) {
		return jdbc.sql("select id from pack where meeting_id = ? order by version").param(meetingId).query(String.class).list();
	}

	/** The attendees who hold a view in the pack. */
	public List<String> viewHolders(String packId) {
		return jdbc.sql("select attendee_id from attendee_view where pack_id = ?").param(packId).query(String.class).list();
	}

	/**
	 * Deletes the pack's views (from the store and from memory) and marks it deleted at this time:
	 * its row stays, so the log's entries still name a pack that existed.
	 */
	public void deleteForRetention(String packId, Instant at) {
		jdbc.sql("delete from attendee_view where pack_id = ?").param(packId).update();
		views.forgetPack(packId);
		jdbc.sql("update pack set status = 'deleted', deleted_at = ? where id = ?").params(Timestamp.from(at), packId).update();
	}

	/** Whether the pack was released to its attendees (live now or superseded since). */
	public boolean heldByAttendees(String packId) {
		return jdbc.sql("select count(*) from pack where id = ? and status in ('released', 'superseded')")
			.param(packId)
			.query(Integer.class)
			.single() > 0;
	}

	int version(String packId) {
		return jdbc.sql("select version from pack where id = ?").param(packId).query(Integer.class).single();
	}

	/** The policy revision label a pack was decided on. */
	public String policyRevision(String packId) {
		return jdbc.sql("select policy_revision from pack where id = ?").param(packId).query(String.class).single();
	}

	/** When a pack's build began (the builder's wall clock). */
	public Instant builtAt(String packId) {
		return jdbc.sql("select built_at from pack where id = ?").param(packId).query(Timestamp.class).single().toInstant();
	}

	/** Failed builds of a meeting since its last released pack (all of them if none was released). */
	public int failuresSinceRelease(String meetingId) {
		return sinceRelease(meetingId, FAILED);
	}

	/**
	 * Whether the meeting's views were withdrawn after a failed rebuild (a person's rights) and no
	 * version has been released since: its links open nothing until a build succeeds.
	 */
	public boolean withdrawnSinceRelease(String meetingId) {
		return sinceRelease(meetingId, "withdrawn") > 0;
	}

	// Packs of the meeting in this status, newer than its latest released one (all, if none was).
	private int sinceRelease(String meetingId, String status) {
		return jdbc.sql("""
				select count(*) from pack where meeting_id = ? and status = ? and version >
				coalesce((select max(version) from pack where meeting_id = ? and status = 'released'), 0)""")
			.params(meetingId, status, meetingId)
			.query(Integer.class)
			.single();
	}

	/** When the meeting's last failed build began, if one failed. */
	public Optional<Instant> lastFailureAt(String meetingId) {
		return Optional.ofNullable(jdbc.sql("select max(built_at) from pack where meeting_id = ? and status = 'failed'")
			.param(meetingId)
			.query(Timestamp.class)
			.single()).map(Timestamp::toInstant);
	}

	/** The latest released pack of a meeting, if any. */
	public Optional<String> latestReleasedId(String meetingId) {
		return jdbc.sql("select id from pack where meeting_id = ? and status = 'released' order by version desc fetch first 1 rows only")
			.param(meetingId)
			.query(String.class)
			.list()
			.stream()
			.findFirst();
	}

	/**
	 * One attendee's stored view in one pack, held as it is stored: gzip-compressed (a view of a
	 * thousand cases is megabytes of text, a tenth of that compressed). A reader whose browser
	 * accepts gzip (all do) is sent the stored bytes as they are; the text is decompressed only for
	 * the PDF and for a client that cannot take gzip. A stored view never changes.
	 */
	public static final class StoredView {

		private final String packId;

		private final byte[] jsonGz;

		private final byte[] htmlGz;

		private final long size;

		private final String builtForRole;

		private final String builtForOrganisation;

		/** A view stored before views kept whom they were built for (V34). */
		public StoredView(String packId, String json, String html) {
			this(packId, Compressed.gzip(json), Compressed.gzip(html), (long) json.length() + html.length(), null, null);
		}

		StoredView(String packId, byte[] jsonGz, byte[] htmlGz, String builtForRole, String builtForOrganisation) {
			this(packId, jsonGz, htmlGz, (long) jsonGz.length + htmlGz.length, builtForRole, builtForOrganisation);
		}

		private StoredView(String packId, byte[] jsonGz, byte[] htmlGz, long size, String builtForRole,
				String builtForOrganisation) {
			this.packId = packId;
			this.jsonGz = jsonGz;
			this.htmlGz = htmlGz;
			this.size = size;
			this.builtForRole = builtForRole;
			this.builtForOrganisation = builtForOrganisation;
		}

		public String packId() {
			return packId;
		}

		/**
		 * Whether the view was decided for this attendee as they stand: the same role, from the
		 * same organisation. An attendee whose role or organisation changed after the build (an
		 * edit in place, a partnership file registered again) is not shown what the policy decided
		 * for someone else. A view stored before V34 does not say, and is taken as built for them.
		 */
		public boolean builtFor(Attendee attendee) {
			return builtForRole == null && builtForOrganisation == null
					|| java.util.Objects.equals(builtForRole, attendee.role())
							&& java.util.Objects.equals(builtForOrganisation, attendee.organisationId());
		}

		public String json() {
			return Compressed.gunzip(jsonGz);
		}

		public String html() {
			return Compressed.gunzip(htmlGz);
		}

		/** The HTML as UTF-8, gzip-compressed as stored. */
		public Encoded htmlBytes() {
			return new Encoded(htmlGz);
		}

		/** The JSON as UTF-8, gzip-compressed as stored. */
		public Encoded jsonBytes() {
			return new Encoded(jsonGz);
		}

		/** What holding this view in memory costs, for the bounded cache. */
		long size() {
			return size;
		}

	}

	/** A text's UTF-8 bytes, gzip-compressed; {@link #plain} decompresses them. */
	public record Encoded(byte[] gzip) {

		public byte[] plain() {
			return Compressed.plain(gzip);
		}

	}


	/**
	 * The attendee's view in the latest released pack of the meeting. Which pack that is, and that
	 * its view row still exists, is asked of the database every time; only the view's text may
	 * come from memory, since a stored view never changes.
	 *
	 * <p>Ordered by the pack table's (meeting_id, version) key, read backwards, so the database
	 * starts at the newest version and stops at the first released one holding a view for the
	 * attendee (usually the newest, so one or two rows), however many versions the meeting has had: older versions stay
	 * released, and ordering by version alone made H2 read and sort every one of them on each
	 * opening (JFR: a fifth of an opening's CPU after a hundred rebuilds).
	 */
	public Optional<StoredView> latestView(String meetingId, String attendeeId) {
		Optional<String> packId = jdbc.sql("""
				select p.id from pack p
				where p.meeting_id = ? and p.status = 'released'
				and exists (select 1 from attendee_view v where v.pack_id = p.id and v.attendee_id = ?)
				order by p.meeting_id desc, p.version desc fetch first 1 rows only""")
			.params(meetingId, attendeeId)
			.query(String.class)
			.optional();
		return packId.map(id -> views.get(id, attendeeId, () -> jdbc.sql("""
				select view_json, view_html, json_gz, html_gz, attendee_role, attendee_org from attendee_view
				where pack_id = ? and attendee_id = ?""")
			.params(id, attendeeId)
			.query((rs, n) -> rs.getBytes("html_gz") != null
					? new StoredView(id, rs.getBytes("json_gz"), rs.getBytes("html_gz"), rs.getString("attendee_role"),
							rs.getString("attendee_org"))
					// Stored before views were kept compressed.
					: new StoredView(id, rs.getString("view_json"), rs.getString("view_html")))
			.optional()
			.orElse(null)));
	}

	/** Whether the attendee holds a view of a released pack of the meeting (their link opens it). */
	public boolean hasReleasedView(String meetingId, String attendeeId) {
		return jdbc.sql("""
				select count(*) from attendee_view v join pack p on p.id = v.pack_id
				where v.meeting_id = ? and v.attendee_id = ? and p.status = 'released'""")
			.params(meetingId, attendeeId)
			.query(Integer.class)
			.single() > 0;
	}

	/** The digest of what one attendee's view of a pack shows (without the pack's id and time), if stored. */
	public Optional<String> contentHash(String packId, String attendeeId) {
		return jdbc.sql("select content_hash from attendee_view where pack_id = ? and attendee_id = ?")
			.params(packId, attendeeId)
			.query(String.class)
			.optional();
	}

	/** Drops a pack's views from memory once they are deleted from the store. */
	public void forgetViews(String packId) {
		views.forgetPack(packId);
	}

	public Optional<Map<String, Object>> latestPack(String meetingId) {
		return jdbc.sql("select * from pack where meeting_id = ? order by version desc fetch first 1 rows only")
			.param(meetingId)
			.query()
			.listOfRows()
			.stream()
			.findFirst();
	}

	/**
	 * After an erasure: the views of every pack but the latest are deleted, so no copy of the
	 * erased data stays in a stored view. Their pack rows stay, marked superseded.
	 */
	public int purgeSuperseded(String meetingId) {
		List<String> older = jdbc.sql("""
				select id from pack where meeting_id = ? and status = 'released'
				and version < (select max(version) from pack where meeting_id = ? and status = 'released')""")
			.params(meetingId, meetingId)
			.query(String.class)
			.list();
		for (String id : older) {
			jdbc.sql("delete from attendee_view where pack_id = ?").param(id).update();
			jdbc.sql("update pack set status = 'superseded' where id = ?").param(id).update();
			views.forgetPack(id);
		}
		return older.size();
	}

	/** A view taken back: whose it was, of which pack, and on which policies it was decided. */
	public record WithdrawnView(String packId, String attendeeId, String role, String organisation,
			String policyRevision) {
	}

	/**
	 * Fail closed after a failed rebuild: no view of the meeting is served until a build succeeds.
	 * Callers go through {@link ViewWithdrawals}, which logs each view taken back.
	 */
	List<WithdrawnView> withdrawViews(String meetingId) {
		List<WithdrawnView> withdrawn = deleteViews("meeting_id = ?", meetingId);
		jdbc.sql("update pack set status = 'withdrawn' where meeting_id = ? and status = 'released'").param(meetingId).update();
		return withdrawn;
	}

	/**
	 * Fail closed for some attendees only: their views of the given pack and of every version
	 * before it are deleted, so their links open nothing until a build succeeds; the other
	 * attendees' views stay, and so does a version released meanwhile (by another caller that
	 * built without what is being taken back).
	 */
	List<WithdrawnView> withdrawViewsOf(String meetingId, java.util.Collection<String> attendeeIds, String upToPackId) {
		List<WithdrawnView> withdrawn = new ArrayList<>();
		for (String attendeeId : attendeeIds) {
			withdrawn.addAll(deleteViews("meeting_id = ? and attendee_id = ? and " + UP_TO_VERSION, meetingId, attendeeId,
					meetingId, upToPackId));
		}
		return withdrawn;
	}

	/**
	 * Fail closed for every attendee of a meeting whose views were decided on policies since
	 * replaced, and not rebuilt on the new ones: the views of the given pack and of every version
	 * before it are deleted, so no link opens them until a build succeeds. The pack stays
	 * {@code released}, so the schedule still sees it as built on other policies and retries it;
	 * a version released meanwhile (by a build that did succeed) keeps its views.
	 */
	List<WithdrawnView> withdrawAllViewsUpTo(String meetingId, String upToPackId) {
		return deleteViews("meeting_id = ? and " + UP_TO_VERSION, meetingId, meetingId, upToPackId);
	}

	// The views the condition names, each read and then deleted by its key, so what is returned
	// (and logged by the caller, in the same transaction) is exactly what was deleted: a view a
	// build releases meanwhile is neither.
	private List<WithdrawnView> deleteViews(String where, Object... params) {
		List<WithdrawnView> found = jdbc.sql("""
				select pack_id, attendee_id, attendee_role, attendee_org,
				(select policy_revision from pack p where p.id = attendee_view.pack_id) as policy_revision
				from attendee_view""" + " where " + where + " order by pack_id, attendee_id")
			.params(params)
			.query((rs, n) -> new WithdrawnView(rs.getString("pack_id"), rs.getString("attendee_id"),
					rs.getString("attendee_role"), rs.getString("attendee_org"), rs.getString("policy_revision")))
			.list();
		List<WithdrawnView> withdrawn = new ArrayList<>();
		for (WithdrawnView view : found) {
			if (jdbc.sql("delete from attendee_view where pack_id = ? and attendee_id = ?")
				.params(view.packId(), view.attendeeId())
				.update() > 0) {
				withdrawn.add(view);
			}
		}
		views.clear();
		return withdrawn;
	}

	public int releasedCount(String meetingId) {
		return jdbc.sql("select count(*) from pack where meeting_id = ? and status = 'released'")
			.param(meetingId)
			.query(Integer.class)
			.single();
	}

}
