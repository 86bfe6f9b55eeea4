package org.proportion.pack;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Packs and their rendered views. A pack is stored released, with all its views, or failed. */
@Repository
public class PackRepository {

	public static final String RELEASED = "released";

	public static final String FAILED = "failed";

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
		jdbc.sql("""
				insert into pack (id, meeting_id, version, status, built_at, policy_revision, failure_code, fingerprint)
				values (?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(packId, meetingId, version, status, Timestamp.from(builtAt), revision, failureCode, fingerprint)
			.update();
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

	/** The view of one attendee of the pack's meeting: attendee ids are unique only within a meeting. */
	void insertView(String packId, String meetingId, String attendeeId, String json, String html, String contentHash) {
		jdbc.sql("""
				insert into attendee_view (pack_id, meeting_id, attendee_id, view_json, view_html, content_hash)
				values (?, ?, ?, ?, ?, ?)""")
			.params(packId, meetingId, attendeeId, json, html, contentHash)
			.update();
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
	 * One attendee's stored view in one pack. A stored view never changes, so its encodings are
	 * made once, on first use, and served as bytes from then on: many readers opening a large
	 * view at once cost the server a copy each, not an encoding and a compression each.
	 */
	public static final class StoredView {

		private final String packId;

		private final String json;

		private final String html;

		private volatile Encoded htmlBytes;

		private volatile Encoded jsonBytes;

		public StoredView(String packId, String json, String html) {
			this.packId = packId;
			this.json = json;
			this.html = html;
		}

		public String packId() {
			return packId;
		}

		public String json() {
			return json;
		}

		public String html() {
			return html;
		}

		/** The HTML as UTF-8, plain and gzip-compressed. */
		public Encoded htmlBytes() {
			Encoded encoded = htmlBytes;
			if (encoded == null) {
				encoded = Encoded.of(html);
				htmlBytes = encoded;
			}
			return encoded;
		}

		/** The JSON as UTF-8, plain and gzip-compressed. */
		public Encoded jsonBytes() {
			Encoded encoded = jsonBytes;
			if (encoded == null) {
				encoded = Encoded.of(json);
				jsonBytes = encoded;
			}
			return encoded;
		}

	}

	/** A text's UTF-8 bytes and the same gzip-compressed. */
	public record Encoded(byte[] plain, byte[] gzip) {

		static Encoded of(String text) {
			byte[] plain = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
			java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(plain.length / 6 + 64);
			try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(out)) {
				gzip.write(plain);
			}
			catch (java.io.IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
			return new Encoded(plain, out.toByteArray());
		}

	}

	/**
	 * The attendee's view in the latest released pack of the meeting. Which pack that is, and that
	 * its view row still exists, is asked of the database every time; only the view's text may
	 * come from memory, since a stored view never changes.
	 */
	public Optional<StoredView> latestView(String meetingId, String attendeeId) {
		Optional<String> packId = jdbc.sql("""
				select p.id from attendee_view v join pack p on p.id = v.pack_id
				where p.meeting_id = ? and v.attendee_id = ? and p.status = 'released'
				order by p.version desc fetch first 1 rows only""")
			.params(meetingId, attendeeId)
			.query(String.class)
			.optional();
		return packId.map(id -> views.get(id, attendeeId, () -> jdbc.sql("""
				select view_json, view_html from attendee_view where pack_id = ? and attendee_id = ?""")
			.params(id, attendeeId)
			.query((rs, n) -> new StoredView(id, rs.getString("view_json"), rs.getString("view_html")))
			.optional()
			.orElse(null)));
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

	/** Fail closed after a failed rebuild: no view of the meeting is served until a build succeeds. */
	public void withdrawViews(String meetingId) {
		jdbc.sql("delete from attendee_view where pack_id in (select id from pack where meeting_id = ?)").param(meetingId).update();
		jdbc.sql("update pack set status = 'withdrawn' where meeting_id = ? and status = 'released'").param(meetingId).update();
		views.clear();
	}

	public int releasedCount(String meetingId) {
		return jdbc.sql("select count(*) from pack where meeting_id = ? and status = 'released'")
			.param(meetingId)
			.query(Integer.class)
			.single();
	}

}
