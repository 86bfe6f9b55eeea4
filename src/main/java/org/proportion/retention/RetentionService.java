package org.proportion.retention;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.proportion.audit.DecisionLog;
import org.proportion.audit.LogEntry;
import org.proportion.model.Action;
import org.proportion.model.Attendee;
import org.proportion.model.Decision;
import org.proportion.model.Meeting;
import org.proportion.partnership.PartnershipRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes a meeting's rendered views and access links once its retention period has ended, and
 * logs each deletion in the decision log. Pack rows stay, marked deleted, so that the log's
 * references still mean something; their content is gone.
 */
@Service
public class RetentionService {

	private static final Logger log = LoggerFactory.getLogger(RetentionService.class);

	private final PartnershipRepository partnership;

	private final DecisionLog decisionLog;

	private final TransactionTemplate transaction;

	private final Clock clock;

	private final int days;

	private final org.proportion.pack.PackRepository packRepository;

	private final org.proportion.access.AccessLinks links;

	RetentionService(PartnershipRepository partnership, DecisionLog decisionLog,
			TransactionTemplate transaction, Clock clock, @Value("${proportion.retention.days}") int days,
			org.proportion.pack.PackRepository packRepository, org.proportion.access.AccessLinks links) {
		this.links = links;
		this.packRepository = packRepository;
		this.partnership = partnership;
		this.decisionLog = decisionLog;
		this.transaction = transaction;
		this.clock = clock;
		this.days = days;
	}

	/** A meeting whose packs are still held, and the day they are deleted. */
	public record Due(String meetingId, LocalDate meetingDate, LocalDate deleteOn, int packs, boolean overdue) {
	}

	public List<Due> due() {
		LocalDate today = LocalDate.now(clock);
		List<Due> due = new ArrayList<>();
		for (Meeting meeting : partnership.meetings()) {
			int held = packRepository.heldCount(meeting.id());
			if (held > 0) {
				LocalDate deleteOn = deleteOn(meeting);
				due.add(new Due(meeting.id(), meeting.date(), deleteOn, held, !deleteOn.isAfter(today)));
			}
		}
		return due;
	}

	/**
	 * The meetings whose retention period has ended and that still hold packs, for the
	 * {@code retention} route (routes/retention.camel.yaml), which deletes each on its own.
	 */
	public List<String> overdueMeetings() {
		return due().stream().filter(Due::overdue).map(Due::meetingId).toList();
	}

	/**
	 * Deletes one meeting's packs, views and links and logs each deletion, in one transaction;
	 * returns how many packs were deleted. A meeting that fails is left whole, to the next run.
	 */
	public int purge(String meetingId) {
		Meeting meeting = partnership.meeting(meetingId).orElseThrow();
		int deleted = transaction.execute(tx -> purge(meeting));
		if (deleted > 0) {
			log.info("Retention: {} packs of meeting {} deleted", deleted, meetingId);
		}
		return deleted;
	}

	// Each table through its owner: packs and views, links, the log.
	private int purge(Meeting meeting) {
		List<String> packs = packRepository.heldIds(meeting.id());
		Decision deletion = new Decision(Action.DELETE, null, null, meeting.purpose(), "retention.deleted",
				"Deleted: the retention period of " + days + " days after the meeting ended.", null);
		List<LogEntry> entries = new ArrayList<>();
		for (String packId : packs) {
			List<String> viewers = packRepository.viewHolders(packId);
			for (Attendee attendee : meeting.attendees()) {
				if (viewers.contains(attendee.id())) {
					entries.add(new LogEntry(meeting.id(), packId, attendee.id(), attendee.role(),
							attendee.organisationId(), null, "pack", deletion, "retention"));
				}
			}
			packRepository.deleteForRetention(packId, clock.instant());
		}
		links.deleteAll(meeting.id());
		if (!entries.isEmpty()) {
			decisionLog.append(entries);
		}
		return packs.size();
	}

	private LocalDate deleteOn(Meeting meeting) {
		return meeting.date().plusDays(days + 1L);
	}

}
