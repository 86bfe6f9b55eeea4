package org.proportion.schedule;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.proportion.delivery.Deliveries;
import org.proportion.emergency.Emergencies;
import org.proportion.delivery.Mailer;
import org.proportion.model.Attendee;
import org.proportion.model.Meeting;
import org.proportion.pack.PackBuildFailed;
import org.proportion.pack.PackBuilder;
import org.proportion.pack.PackRepository;
import org.proportion.partnership.PartnershipRepository;
import org.proportion.policy.LiveBundle;
import org.proportion.policy.PolicyLoader;
import org.proportion.policy.PolicyService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Called by the cron route in routes/schedule.camel.yaml. Builds each meeting's pack when it
 * falls due (by default 24 h before it starts), rebuilds it when an agency sends new or corrected
 * records for its cases before the meeting, rebuilds every pack whose views are still open (up
 * to the end of retention, started or not) once the validated policies differ from those it was
 * built on, retries failed builds with backoff and tells the organiser after three failures,
 * starts the next occurrence of a repeating meeting, and sends the outbox. Staleness is read from
 * the packs themselves, so a rebuild that fails is retried at the next tick until one is released.
 */
@Component("packScheduler")
public class PackScheduler {

	private static final Logger log = LoggerFactory.getLogger(PackScheduler.class);

	static final int TELL_ORGANISER_AFTER = 3;

	private final PartnershipRepository partnership;

	private final PackBuilder builder;

	private final PackRepository packs;

	private final Deliveries deliveries;

	private final Mailer mailer;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final Emergencies emergencies;

	private final LiveBundle policies;

	private final int retentionDays;

	PackScheduler(PartnershipRepository partnership, PackBuilder builder, PackRepository packs, Deliveries deliveries,
			Mailer mailer, JdbcClient jdbc, Clock clock, Emergencies emergencies, LiveBundle policies,
			@Value("${proportion.retention.days}") int retentionDays) {
		this.emergencies = emergencies;
		this.policies = policies;
		this.retentionDays = retentionDays;
		this.partnership = partnership;
		this.builder = builder;
		this.packs = packs;
		this.deliveries = deliveries;
		this.mailer = mailer;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	public synchronized void tick() {
		LocalDateTime now = LocalDateTime.now(clock.withZone(ZoneOffset.UTC));
		for (Meeting meeting : partnership.meetings()) {
			repeat(meeting, now);
			boolean due = meeting.startsAt().isAfter(now)
					&& !now.isBefore(meeting.startsAt().minusHours(meeting.buildHoursBefore()));
			boolean rebuild = due ? stale(meeting) : viewsOpen(meeting, now) && builtOnOtherPolicies(meeting);
			if (rebuild && !backingOff(meeting, now)) {
				build(meeting);
			}
		}
		// Views stay open after a meeting starts, so an emergency that ended (reviewed by the DPO, or
		// 72 hours passed) since a meeting's last pack is taken back out of them, started or not.
		for (Meeting meeting : partnership.meetings()) {
			if (viewsOpen(meeting, now) && emergencyEndedSinceLastPack(meeting) && !backingOff(meeting, now)) {
				build(meeting);
			}
		}
		deliveries.sendPending();
	}

	/**
	 * A policy change that went live rebuilds at once every pack whose views are still open, the
	 * meeting started or not; only changed views are resent. A rebuild that fails here is retried
	 * by {@link #tick()}, which sees the pack is still on the old policies.
	 */
	@EventListener
	public synchronized void policiesChanged(PolicyLoader.PoliciesChanged event) {
		LocalDateTime now = LocalDateTime.now(clock.withZone(ZoneOffset.UTC));
		for (Meeting meeting : partnership.meetings()) {
			if (viewsOpen(meeting, now) && builtOnOtherPolicies(meeting)) {
				build(meeting);
			}
		}
	}

	// Attendees can still open the meeting's views: until retention deletes them.
	private boolean viewsOpen(Meeting meeting, LocalDateTime now) {
		return now.toLocalDate().isBefore(meeting.date().plusDays(retentionDays + 1L));
	}

	// The meeting's released views were decided on policies other than the validated ones.
	private boolean builtOnOtherPolicies(Meeting meeting) {
		String validated = policies.revision();
		String released = packs.latestReleasedId(meeting.id()).orElse(null);
		if (validated == null || released == null) {
			return false;
		}
		String builtOn = jdbc.sql("select policy_revision from pack where id = ?").param(released).query(String.class).single();
		return !PolicyService.revisionLabel(validated).equals(builtOn);
	}

	private void build(Meeting meeting) {
		try {
			builder.build(meeting.id());
		}
		catch (PackBuildFailed ex) {
			int failures = failuresSinceRelease(meeting.id());
			if (failures == TELL_ORGANISER_AFTER && meeting.organiserEmail() != null) {
				try {
					mailer.send(-failures, meeting.organiserEmail(), "Pack not built: " + meeting.title(),
							"The pack for " + meeting.title() + " could not be built (" + ex.code()
									+ "). Nothing has been sent. Proportion keeps retrying.\n");
				}
				catch (RuntimeException mailFailure) {
					log.warn("The organiser of {} could not be told of the failed build", meeting.id());
				}
			}
		}
	}

	// No pack yet, other policies, or an agency sent new or corrected records for its cases since the last one.
	private boolean stale(Meeting meeting) {
		String released = packs.latestReleasedId(meeting.id()).orElse(null);
		if (released == null || builtOnOtherPolicies(meeting)) {
			return true;
		}
		Timestamp builtAt = jdbc.sql("select built_at from pack where id = ?").param(released).query(Timestamp.class).single();
		for (String ref : meeting.agenda()) {
			Integer newer = jdbc.sql("select count(*) from case_record where case_ref = ? and updated_at > ?")
				.params(ref, builtAt)
				.query(Integer.class)
				.single();
			if (newer > 0) {
				return true;
			}
		}
		return false;
	}

	private boolean emergencyEndedSinceLastPack(Meeting meeting) {
		String released = packs.latestReleasedId(meeting.id()).orElse(null);
		if (released == null) {
			return false;
		}
		Timestamp builtAt = jdbc.sql("select built_at from pack where id = ?").param(released).query(Timestamp.class).single();
		return emergencies.endedSince(builtAt.toInstant()).stream().anyMatch(e -> e.meetingId().equals(meeting.id()));
	}

	private int failuresSinceRelease(String meetingId) {
		return jdbc.sql("""
				select count(*) from pack where meeting_id = ? and status = 'failed' and version >
				coalesce((select max(version) from pack where meeting_id = ? and status = 'released'), 0)""")
			.params(meetingId, meetingId)
			.query(Integer.class)
			.single();
	}

	// After n failures in a row, wait 30 s, 60 s, 120 s... (at most 10 min) before the next try.
	private boolean backingOff(Meeting meeting, LocalDateTime now) {
		int failures = failuresSinceRelease(meeting.id());
		if (failures == 0) {
			return false;
		}
		Timestamp last = jdbc.sql("select max(built_at) from pack where meeting_id = ? and status = 'failed'")
			.param(meeting.id())
			.query(Timestamp.class)
			.single();
		Duration wait = Duration.ofSeconds(Math.min(600, 30L << Math.min(failures - 1, 5)));
		return last.toInstant().plus(wait).isAfter(now.toInstant(ZoneOffset.UTC));
	}

	/** Once a repeating meeting has started, its next occurrence is put in the calendar. */
	private void repeat(Meeting meeting, LocalDateTime now) {
		if (meeting.repeatEveryDays() == null || meeting.startsAt().isAfter(now)) {
			return;
		}
		LocalDateTime next = meeting.startsAt().plusDays(meeting.repeatEveryDays());
		String base = meeting.id().replaceAll("@\\d{8}$", "");
		String suffix = "@" + next.toLocalDate().toString().replace("-", "");
		List<Attendee> attendees = meeting.attendees()
			.stream()
			.map(a -> new Attendee(a.id().replaceAll("@\\d{8}$", "") + suffix, a.name(), a.role(), a.organisationId(),
					a.email()))
			.toList();
		partnership.addIfNew(new Meeting(base + suffix, meeting.title(), meeting.type(), meeting.purpose(),
				next.toLocalDate(), meeting.cohort(), attendees, meeting.agenda(), next, meeting.buildHoursBefore(),
				meeting.organiserEmail(), meeting.repeatEveryDays()));
	}

}
