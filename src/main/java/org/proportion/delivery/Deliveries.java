package org.proportion.delivery;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.proportion.ProportionProperties;
import org.proportion.access.AccessLinks;
import org.proportion.access.ViewLog;
import org.proportion.model.Attendee;
import org.proportion.model.Meeting;
import org.proportion.pack.PackRepository;
import org.proportion.partnership.PartnershipRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The outbox: after each released pack, one message per attendee whose view is new or changed,
 * holding only their personal link and the meeting's name and time. Rows are written in the
 * pack's own transaction, so a restart loses nothing; a row is marked sent as soon as the server
 * takes it, so nothing is sent twice; failures are retried with backoff, rejections recorded.
 * A link is minted per message, and the link of an attempt that failed is revoked, so a message
 * leaves at most one valid link; an attendee whose access was revoked is mailed nothing. Links go
 * only to attendees: whoever asks for links to be reissued learns who was sent one, never a link.
 * The sending is a flow in routes/schedule.camel.yaml (the outbox and send-mail routes); this
 * class gives its domain steps: which rows are due, claiming one and writing its message, and
 * marking it sent or failed.
 */
@Service
public class Deliveries {

	private static final Logger log = LoggerFactory.getLogger(Deliveries.class);

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy 'at' HH:mm", Locale.UK);

	private final JdbcClient jdbc;

	private final AccessLinks links;

	private final PartnershipRepository partnership;

	private final Mailer mailer;

	private final Clock clock;

	private final String publicUrl;

	private final PackRepository packs;

	private final ViewLog viewLog;

	public Deliveries(JdbcClient jdbc, AccessLinks links, PartnershipRepository partnership, Mailer mailer, Clock clock,
			ProportionProperties properties, PackRepository packs, ViewLog viewLog) {
		this.packs = packs;
		this.viewLog = viewLog;
		this.jdbc = jdbc;
		this.links = links;
		this.partnership = partnership;
		this.mailer = mailer;
		this.clock = clock;
		this.publicUrl = properties.publicUrl();
	}

	/**
	 * Called inside the pack's transaction. An attendee whose view is the same as in the previous
	 * version keeps their link and gets no message.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void enqueue(Meeting meeting, String packId, String previousPackId, Map<String, String> contentHashes) {
		for (Attendee attendee : meeting.attendees()) {
			String now = contentHashes.get(attendee.id());
			// Asked of the packs' owner: the view store is theirs.
			String before = previousPackId == null ? null : packs.contentHash(previousPackId, attendee.id()).orElse(null);
			if (before != null && before.equals(now)) {
				links.carryForward(meeting.id(), attendee.id(), previousPackId, packId);
				continue;
			}
			if (attendee.email() == null || attendee.email().isBlank() || links.revoked(meeting.id(), attendee.id())) {
				continue;
			}
			jdbc.sql("""
					insert into delivery (meeting_id, pack_id, attendee_id, kind, recipient, status, attempts, next_attempt_at)
					values (?, ?, ?, ?, ?, 'pending', 0, ?)""")
				.params(meeting.id(), packId, attendee.id(), before == null ? "new" : "changed", attendee.email(),
						Timestamp.from(clock.instant()))
				.update();
		}
	}

	/**
	 * Sends what is due through the outbox route ({@code direct:outbox}) and says how many went;
	 * each row once, whether the schedule, an admin or a second caller at the same time asks,
	 * because every attempt first claims its row ({@link #claim(long)}).
	 */
	public int sendPending() {
		return mailer.sendOutbox();
	}

	/** The outbox route's first step: the ids of the rows due now, oldest first. */
	public List<Long> due() {
		return jdbc.sql("select id from delivery where status = 'pending' and next_attempt_at <= ? order by id")
			.param(Timestamp.from(clock.instant()))
			.query(Long.class)
			.list();
	}

	/**
	 * Claims one due row for one attempt, mints its link and writes its message; null when there
	 * is nothing to send (another sender claimed it, its meeting is gone, or its attendee's access
	 * was revoked). The claim moves the row's next attempt to when a failed attempt would be
	 * retried, in one conditional update, so no other sender (a second caller, another gateway on
	 * the same database) takes it meanwhile, and a gateway that dies mid-send leaves it to be
	 * retried then rather than lost.
	 */
	public MailMessage claim(long id) {
		Map<String, Object> row = jdbc.sql("select * from delivery where id = ? and status = 'pending' and next_attempt_at <= ?")
			.params(id, Timestamp.from(clock.instant()))
			.query()
			.listOfRows()
			.stream()
			.findFirst()
			.orElse(null);
		if (row == null) {
			return null;
		}
		int attempts = ((Number) row.get("attempts")).intValue();
		int claimed = jdbc.sql("""
				update delivery set next_attempt_at = ? where id = ? and status = 'pending' and attempts = ?
				and next_attempt_at <= ?""")
			.params(Timestamp.from(clock.instant().plus(retryWait(attempts))), id, attempts, Timestamp.from(clock.instant()))
			.update();
		if (claimed == 0) {
			return null;
		}
		String meetingId = (String) row.get("meeting_id");
		String attendeeId = (String) row.get("attendee_id");
		Meeting meeting = partnership.meeting(meetingId).orElse(null);
		if (meeting == null) {
			mark(id, "failed", "meeting removed");
			return null;
		}
		Optional<String> token = links.issueForDelivery(meetingId, attendeeId, (String) row.get("pack_id"), id);
		if (token.isEmpty()) {
			mark(id, "withheld", "attendee revoked");
			return null;
		}
		String kind = (String) row.get("kind");
		String link = publicUrl + "/v/" + token.get();
		String subject = switch (kind) {
			case "changed" -> "Your pack has changed: ";
			case REISSUED -> "Your new link: ";
			default -> "Your meeting pack: ";
		} + meeting.title();
		String body = switch (kind) {
			case "changed" -> "Your pack for " + meeting.title() + " has changed since it was sent.\n\n";
			case REISSUED -> "Your link to the pack for " + meeting.title()
					+ " has been renewed: earlier links no longer work.\n\n";
			default -> "Your pack for " + meeting.title() + " is ready.\n\n";
		} + "Meeting: " + WHEN.format(meeting.startsAt()) + "\n" + "Your personal link: " + link + "\n\n"
				+ "The link is for you only: please do not forward it. It stops working after the meeting's "
				+ "retention period.\n";
		return new MailMessage(id, (String) row.get("recipient"), subject, body);
	}

	/** The server took the message: marked sent at once, so it is never sent again. */
	public void markSent(long id) {
		jdbc.sql("update delivery set status = 'sent', sent_at = ?, attempts = attempts + 1 where id = ?")
			.params(Timestamp.from(clock.instant()), id)
			.update();
	}

	/**
	 * The server did not take the message. The attempt's link never reached anyone, so it is
	 * revoked; a refused recipient is recorded as bounced, anything else retried with backoff.
	 */
	public void markFailed(long id, Exception failure) {
		links.revokeDelivery(id);
		int attempts = jdbc.sql("select attempts from delivery where id = ?").param(id).query(Integer.class).single();
		retryLater(id, attempts, failure);
	}

	/** How many of the given rows are now sent: what one run of the outbox route sent. */
	public int sentAmong(List<Long> ids) {
		int sent = 0;
		for (Long id : ids) {
			sent += jdbc.sql("select count(*) from delivery where id = ? and status = 'sent'")
				.param(id)
				.query(Integer.class)
				.single();
		}
		return sent;
	}

	// After n failed attempts, wait 30 s, 60 s, 120 s... (at most 15 min) before the next.
	private static Duration retryWait(int attempts) {
		return Duration.ofSeconds(Math.min(900, 30L << Math.min(attempts, 5)));
	}

	static final String REISSUED = "reissued";

	/** What an admin learns after asking for links to be reissued: who was sent one, never the link. */
	public record Reissue(String attendeeId, String name, String role, String outcome) {
	}

	/**
	 * New links for a meeting's attendees (or one of them): their earlier links stop working and
	 * each new link goes to the attendee's own email address through the outbox. Revoked
	 * attendees are skipped until reinstated.
	 */
	public List<Reissue> reissue(Meeting meeting, Optional<String> onlyAttendee) {
		String packId = packs.latestReleasedId(meeting.id())
			.orElseThrow(() -> new IllegalStateException("No pack has been released for this meeting yet: "
					+ "each attendee is sent their link when it is"));
		List<Reissue> outcomes = new java.util.ArrayList<>();
		for (Attendee a : meeting.attendees()) {
			if (onlyAttendee.isPresent() && !onlyAttendee.get().equals(a.id())) {
				continue;
			}
			if (links.revoked(meeting.id(), a.id())) {
				outcomes.add(new Reissue(a.id(), a.name(), a.role(), "not sent: access revoked (reinstate first)"));
				continue;
			}
			if (a.email() == null || a.email().isBlank()) {
				outcomes.add(new Reissue(a.id(), a.name(), a.role(), "not sent: no email address on the meeting"));
				continue;
			}
			links.revoke(meeting.id(), a.id());
			queue(meeting.id(), packId, a);
			outcomes.add(new Reissue(a.id(), a.name(), a.role(), "queued"));
		}
		sendPending();
		return outcomes.stream()
			.map(o -> o.outcome().equals("queued") ? new Reissue(o.attendeeId(), o.name(), o.role(),
					statusOf(meeting.id(), packId, o.attendeeId())) : o)
			.toList();
	}

	// One reissue message per attendee and pack version: asking again puts the same row back in the queue.
	private void queue(String meetingId, String packId, Attendee attendee) {
		Timestamp now = Timestamp.from(clock.instant());
		int updated = jdbc.sql("""
				update delivery set status = 'pending', attempts = 0, next_attempt_at = ?, last_error = null,
				sent_at = null, recipient = ? where pack_id = ? and attendee_id = ? and kind = ?""")
			.params(now, attendee.email(), packId, attendee.id(), REISSUED)
			.update();
		if (updated == 0) {
			jdbc.sql("""
					insert into delivery (meeting_id, pack_id, attendee_id, kind, recipient, status, attempts, next_attempt_at)
					values (?, ?, ?, ?, ?, 'pending', 0, ?)""")
				.params(meetingId, packId, attendee.id(), REISSUED, attendee.email(), now)
				.update();
		}
	}

	private String statusOf(String meetingId, String packId, String attendeeId) {
		String status = jdbc.sql("select status from delivery where pack_id = ? and attendee_id = ? and kind = ?")
			.params(packId, attendeeId, REISSUED)
			.query(String.class)
			.single();
		return status.equals("sent") ? "sent to the attendee's email address"
				: status.equals("pending") ? "queued: the mail server will be retried" : status;
	}

	private void retryLater(long id, int attempts, Exception ex) {
		Throwable cause = cause(ex);
		// A recipient the server refuses is a bounce: recorded, not retried.
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (t instanceof jakarta.mail.SendFailedException) {
				mark(id, "bounced", t.getClass().getSimpleName());
				return;
			}
		}
		Duration wait = retryWait(attempts);
		jdbc.sql("update delivery set attempts = attempts + 1, next_attempt_at = ?, last_error = ? where id = ?")
			.params(Timestamp.from(clock.instant().plus(wait)), cause.getClass().getSimpleName(), id)
			.update();
		log.warn("Message {} not sent ({}); retry in {} s", id, cause.getClass().getSimpleName(), wait.toSeconds());
	}

	// What went wrong, past Camel's wrapping; never its message, which may quote an address.
	private static Throwable cause(Exception ex) {
		Throwable t = ex;
		while ((t instanceof org.apache.camel.CamelExecutionException || t instanceof org.apache.camel.RuntimeCamelException)
				&& t.getCause() != null) {
			t = t.getCause();
		}
		return t;
	}

	private void mark(long id, String status, String error) {
		jdbc.sql("update delivery set status = ?, last_error = ? where id = ?").params(status, error, id).update();
	}

	/** What the organiser sees: who has been sent their link, and how often each sent view was opened. */
	public List<Map<String, Object>> forMeeting(String meetingId) {
		// Openings are the view log's: asked of it, not counted from its table.
		Map<ViewLog.ViewOf, Long> opened = viewLog.openingsByView(meetingId);
		List<Map<String, Object>> rows = jdbc.sql("""
				select d.attendee_id, d.pack_id, d.kind, d.status, d.attempts, d.sent_at, d.last_error
				from delivery d where d.meeting_id = ? order by d.id""")
			.param(meetingId)
			.query()
			.listOfRows();
		List<Map<String, Object>> answer = new java.util.ArrayList<>();
		for (Map<String, Object> row : rows) {
			// Keys in lower case whichever database answered (H2 names columns in capitals).
			Map<String, Object> lower = new java.util.LinkedHashMap<>();
			row.forEach((key, value) -> lower.put(key.toLowerCase(Locale.ROOT), value));
			lower.put("opened",
					opened.getOrDefault(new ViewLog.ViewOf((String) row.get("pack_id"), (String) row.get("attendee_id")), 0L));
			answer.add(lower);
		}
		return answer;
	}

}
