package org.proportion.access;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.proportion.model.Meeting;
import org.proportion.partnership.PartnershipRepository;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Personal access links. A link is a 256-bit random token; only its SHA-256 is stored, so a
 * copy of the database opens nothing. A link opens exactly one attendee's view of one meeting,
 * until the meeting's retention ends or the link is revoked.
 */
@Service
public class AccessLinks {

	private static final SecureRandom RANDOM = new SecureRandom();

	/** What a token looks like: 32 random bytes, base64url without padding. */
	private static final java.util.regex.Pattern TOKEN = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{43}");

	private final JdbcClient jdbc;

	private final Clock clock;

	private final PartnershipRepository partnership;

	private final int retentionDays;

	AccessLinks(JdbcClient jdbc, Clock clock, PartnershipRepository partnership,
			@Value("${proportion.retention.days}") int retentionDays) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.partnership = partnership;
		this.retentionDays = retentionDays;
	}

	/**
	 * Who a valid link belongs to, and the pack version it was sent for (null: always the latest).
	 */
	public record Holder(String meetingId, String attendeeId, String packId) {
	}

	/** Issues a new link for the attendee, revoking any earlier one; returns the raw token once. */
	@Transactional
	public String issue(String meetingId, String attendeeId) {
		return issue(meetingId, attendeeId, expiry(meetingId));
	}

	/**
	 * The link sent in one outbox message, for one pack version. A retried message first revokes
	 * the link minted for its failed attempt, so one message never leaves more than one valid
	 * link; an attendee whose access was revoked gets none (empty).
	 */
	@Transactional
	public Optional<String> issueForDelivery(String meetingId, String attendeeId, String packId, long deliveryId) {
		if (revoked(meetingId, attendeeId)) {
			return Optional.empty();
		}
		revokeDelivery(deliveryId);
		Instant expires = expiry(meetingId);
		String token = newToken();
		jdbc.sql("""
				insert into access_link (token_hash, meeting_id, attendee_id, issued_at, expires_at, pack_id, delivery_id)
				values (?, ?, ?, ?, ?, ?, ?)""")
			.params(hash(token), meetingId, attendeeId, Timestamp.from(clock.instant()), Timestamp.from(expires), packId,
					deliveryId)
			.update();
		return Optional.of(token);
	}

	/** A message that was not handed over leaves no working link behind. */
	@Transactional
	public int revokeDelivery(long deliveryId) {
		return jdbc.sql("update access_link set revoked_at = ? where delivery_id = ? and revoked_at is null")
			.params(Timestamp.from(clock.instant()), deliveryId)
			.update();
	}

	/**
	 * An admin withdraws an attendee's access: their links stop working and the revocation is
	 * recorded, so no later pack version or retried message mails them a new one.
	 */
	@Transactional
	public void revokeAttendee(String meetingId, String attendeeId) {
		if (!revoked(meetingId, attendeeId)) {
			jdbc.sql("insert into attendee_revocation (meeting_id, attendee_id, revoked_at) values (?, ?, ?)")
				.params(meetingId, attendeeId, Timestamp.from(clock.instant()))
				.update();
		}
		revoke(meetingId, attendeeId);
	}

	/** Only an admin's explicit reinstatement lifts a revocation. */
	@Transactional
	public boolean reinstate(String meetingId, String attendeeId) {
		return jdbc.sql("delete from attendee_revocation where meeting_id = ? and attendee_id = ?")
			.params(meetingId, attendeeId)
			.update() > 0;
	}

	public boolean revoked(String meetingId, String attendeeId) {
		return jdbc.sql("select count(*) from attendee_revocation where meeting_id = ? and attendee_id = ?")
			.params(meetingId, attendeeId)
			.query(Integer.class)
			.single() > 0;
	}

	/** Links work until the meeting's retention period ends: the end of its last day. */
	private Instant expiry(String meetingId) {
		// The calendar is the partnership's: asked, not read from its table.
		LocalDate meetingDate = partnership.meeting(meetingId)
			.map(Meeting::date)
			.orElseThrow(() -> new IllegalArgumentException("No such meeting"));
		return meetingDate.plusDays(retentionDays + 1L).atStartOfDay().toInstant(ZoneOffset.UTC);
	}

	/** An attendee whose view did not change keeps using the link they have. */
	public void carryForward(String meetingId, String attendeeId, String fromPack, String toPack) {
		jdbc.sql("update access_link set pack_id = ? where meeting_id = ? and attendee_id = ? and pack_id = ?")
			.params(toPack, meetingId, attendeeId, fromPack)
			.update();
	}

	private static String newToken() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/** Refused for a revoked attendee: a revocation is lifted only by reinstating them. */
	@Transactional
	public String issue(String meetingId, String attendeeId, Instant expires) {
		if (revoked(meetingId, attendeeId)) {
			throw new IllegalStateException("The attendee's access was revoked: reinstate them first");
		}
		revoke(meetingId, attendeeId);
		String token = newToken();
		jdbc.sql("""
				insert into access_link (token_hash, meeting_id, attendee_id, issued_at, expires_at)
				values (?, ?, ?, ?, ?)""")
			.params(hash(token), meetingId, attendeeId, Timestamp.from(clock.instant()), Timestamp.from(expires))
			.update();
		return token;
	}

	/**
	 * The holder of a token that is known, not revoked and not expired, whose attendee's access is
	 * not withdrawn; anything else is empty. The attendee's withdrawal is checked here too: a link
	 * minted for a message while an admin was withdrawing the attendee opens nothing.
	 */
	public Optional<Holder> resolve(String token) {
		if (!wellFormed(token)) {
			return Optional.empty();
		}
		return jdbc.sql("""
				select meeting_id, attendee_id, pack_id from access_link l
				where token_hash = ? and revoked_at is null and expires_at > ?
				and not exists (select 1 from attendee_revocation r
				                where r.meeting_id = l.meeting_id and r.attendee_id = l.attendee_id)""")
			.params(hash(token), Timestamp.from(clock.instant()))
			.query((rs, n) -> new Holder(rs.getString("meeting_id"), rs.getString("attendee_id"), rs.getString("pack_id")))
			.optional();
	}

	/** Whether the text could be a link's token at all (its form is no secret); nothing is looked up. */
	public static boolean wellFormed(String token) {
		return token != null && TOKEN.matcher(token).matches();
	}

	/** Deletes every link of the meeting (its packs' retention ended): no link outlives its views. */
	public int deleteAll(String meetingId) {
		return jdbc.sql("delete from access_link where meeting_id = ?").param(meetingId).update();
	}

	@Transactional
	public int revoke(String meetingId, String attendeeId) {
		return jdbc.sql("update access_link set revoked_at = ? where meeting_id = ? and attendee_id = ? and revoked_at is null")
			.params(Timestamp.from(clock.instant()), meetingId, attendeeId)
			.update();
	}

	static String hash(String token) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
