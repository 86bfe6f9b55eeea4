package org.proportion.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.apache.camel.ProducerTemplate;
import org.proportion.cases.CaseRepository;
import org.proportion.cluster.ClusterLocks;
import org.proportion.delivery.MailMessage;
import org.proportion.emergency.Emergencies;
import org.proportion.model.Attendee;
import org.proportion.model.CaseRecord;
import org.proportion.model.Meeting;
import org.proportion.pack.AgendaDigest;
import org.proportion.pack.PackBuildFailed;
import org.proportion.pack.PackRepository;
import org.proportion.pack.ViewWithdrawals;
import org.proportion.partnership.PartnershipRepository;
import org.proportion.policy.LiveBundle;
import org.proportion.policy.PolicyLoader;
import org.proportion.policy.PolicyService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The domain steps of the schedule's routes (routes/schedule.camel.yaml): which meetings' packs
 * fall due (by default 24 h before the meeting starts, and again when an agency sends new or
 * corrected records for its cases before the meeting, or when the validated policies differ from
 * those a pack whose views are still open was built on), which failed builds may be retried
 * (after {@code proportion.schedule.retry-backoff}, 30 s, then 60 s... up to 10 min), which
 * meetings' views must be withdrawn because they are still on policies the DPO has replaced,
 * which packs must lose an emergency share that ended, which repeating meetings need their next
 * occurrence, and what the organiser is told after three failed builds. The routes do the rest:
 * one cron trigger fans out to a route per step, each meeting is built in turn and one whose
 * build fails does not stop the next. Staleness is read from the packs themselves, so a rebuild
 * that fails is retried at a later tick until one is released.
 */
@Component("packScheduler")
public class PackScheduler {

	static final int TELL_ORGANISER_AFTER = 3;

	static final Duration MAX_BACKOFF = Duration.ofMinutes(10);

	/** The cluster lock of the schedule's runs. */
	static final String SCHEDULE_LOCK = "schedule";

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(PackScheduler.class);

	private final ClusterLocks locks;

	private final PartnershipRepository partnership;

	private final PackRepository packs;

	private final ViewWithdrawals withdrawals;

	private final Clock clock;

	private final Emergencies emergencies;

	private final LiveBundle policies;

	private final ProducerTemplate camel;

	private final int retentionDays;

	private final Duration retryBackoff;

	private final CaseRepository cases;

	private final PolicyLoader policyLoader;

	// The wait for the policy check is logged once, not at every firing of the trigger.
	private volatile boolean toldWaiting;

	PackScheduler(PartnershipRepository partnership, PackRepository packs, Clock clock,
			Emergencies emergencies, LiveBundle policies, ProducerTemplate camel,
			@Value("${proportion.retention.days}") int retentionDays, ClusterLocks locks,
			@Value("${proportion.schedule.retry-backoff:30s}") Duration retryBackoff, CaseRepository cases,
			PolicyLoader policyLoader, ViewWithdrawals withdrawals) {
		this.withdrawals = withdrawals;
		this.locks = locks;
		this.retryBackoff = retryBackoff;
		this.cases = cases;
		this.policyLoader = policyLoader;
		this.emergencies = emergencies;
		this.policies = policies;
		this.retentionDays = retentionDays;
		this.partnership = partnership;
		this.packs = packs;
		this.clock = clock;
		this.camel = camel;
	}

	/**
	 * One run of the schedule, synchronously: the same routes the cron trigger starts
	 * ({@code direct:schedule-tick}), for tests and callers that need it now. One run at a time
	 * across every gateway on the database (the schedule's cluster lock): a run elsewhere is
	 * waited for, so when this returns a whole run has happened after the call.
	 */
	public synchronized void tick() {
		locks.run(SCHEDULE_LOCK, java.time.Duration.ofMinutes(10),
				() -> camel.requestBody("direct:schedule-tick", (Object) null));
	}

	/**
	 * The cron trigger's run (routes/schedule.camel.yaml). Every gateway's trigger fires; the one
	 * that takes the schedule's cluster lock runs the schedule and the others skip this time,
	 * since a run elsewhere does the same steps on the same database. A gateway killed mid-run
	 * leaves the lock to expire (proportion.cluster.lease), and the next trigger anywhere takes
	 * it over: staleness is read from the packs, so the dead run's unfinished builds are redone.
	 */
	public boolean scheduledRun() {
		if (!policyLoader.checkedSinceStart()) {
			// Camel's trigger starts before the policy loader's first check ends: a run here now
			// would record every due meeting as a failed build (no validated policies yet) and put
			// it in backoff, though another gateway, or this one a moment later, can build it.
			if (!toldWaiting) {
				toldWaiting = true;
				log.info("Schedule runs wait until this gateway has checked its policies (it has just started)");
			}
			return false;
		}
		boolean ran = locks.tryRun(SCHEDULE_LOCK, () -> {
			camel.requestBody("direct:schedule-tick", (Object) null);
			return Boolean.TRUE;
		}).isPresent();
		if (!ran) {
			log.debug("Schedule run skipped: another gateway is running it");
		}
		return ran;
	}

	/**
	 * The meetings a policy change that went live rebuilds at once (route {@code check-policies}):
	 * every one whose views are still open, started or not, and were decided on other policies.
	 * They go through the same build route as the schedule, so only changed views are resent; one
	 * whose rebuild fails has its views withdrawn, and is retried by the schedule, which sees the
	 * pack is still on the old policies.
	 */
	public List<String> openOnReplacedPolicies() {
		LocalDateTime now = now();
		return partnership.meetings()
			.stream()
			.filter(m -> viewsOpen(m, now) && builtOnOtherPolicies(m))
			.map(Meeting::id)
			.toList();
	}

	/** Packs that fall due or went stale, of meetings with no failed build since their last release. */
	public List<String> dueMeetings() {
		LocalDateTime now = now();
		return partnership.meetings()
			.stream()
			.filter(m -> needsBuild(m, now) && packs.failuresSinceRelease(m.id()) == 0)
			.map(Meeting::id)
			.toList();
	}

	/** Packs still needed whose last builds failed, once the backoff since the last failure has passed. */
	public List<String> retryableMeetings() {
		LocalDateTime now = now();
		return partnership.meetings()
			.stream()
			.filter(m -> needsBuild(m, now) && retryDue(m.id()))
			.map(Meeting::id)
			.toList();
	}

	/**
	 * Views stay open after a meeting starts, so an emergency that ended (reviewed by the DPO, or
	 * 72 hours passed) since a meeting's last pack is taken back out of them, started or not.
	 */
	public List<String> emergencyEndedMeetings() {
		LocalDateTime now = now();
		return partnership.meetings()
			.stream()
			.filter(m -> viewsOpen(m, now) && emergencyEndedSinceLastPack(m) && !backingOff(m.id()))
			.map(Meeting::id)
			.toList();
	}

	/**
	 * Meetings whose latest views still hold an emergency share that ended since they were built,
	 * whether or not their rebuild is backing off: after the schedule's rebuilds, the responders'
	 * views of these are withdrawn (routes/schedule.camel.yaml).
	 */
	public List<String> meetingsStillShowingEndedEmergencies() {
		LocalDateTime now = now();
		return partnership.meetings()
			.stream()
			.filter(m -> viewsOpen(m, now) && emergencyEndedSinceLastPack(m))
			.map(Meeting::id)
			.toList();
	}

	/**
	 * Meetings whose views are still open on policies other than the validated ones once the
	 * rebuilds have run: their rebuild failed, or waits for its retry. Their views are withdrawn
	 * (routes/schedule.camel.yaml), since what the DPO's policies now decide about them is not known.
	 */
	public List<String> meetingsStillOnOtherPolicies() {
		LocalDateTime now = now();
		return partnership.meetings()
			.stream()
			.filter(m -> viewsOpen(m, now) && builtOnOtherPolicies(m))
			.map(Meeting::id)
			.toList();
	}

	/**
	 * Fail closed after a policy change that could not be applied: every view of the meeting's
	 * latest released pack, and of the versions before it, is withdrawn if that pack is (still)
	 * on other policies than the validated ones, until a build on the validated ones succeeds.
	 * Read again here, so a build that succeeded since the list was made keeps its views.
	 */
	public int withdrawViewsOnOtherPolicies(String meetingId) {
		String released = packs.latestReleasedId(meetingId).orElse(null);
		if (!builtOnOtherPolicies(released)) {
			return 0;
		}
		int withdrawn = withdrawals.upTo(meetingId, released, ViewWithdrawals.Cause.POLICIES_REPLACED);
		if (withdrawn > 0) {
			log.warn("Meeting {} could not be rebuilt on the validated policies; its {} views are withdrawn until a build"
					+ " succeeds", meetingId, withdrawn);
		}
		return withdrawn;
	}

	/** Repeating meetings that have started: each gets its next occurrence (once). */
	public List<String> startedRepeatingMeetings() {
		LocalDateTime now = now();
		return partnership.meetings()
			.stream()
			.filter(m -> m.repeatEveryDays() != null && !m.startsAt().isAfter(now))
			.map(Meeting::id)
			.toList();
	}

	/** Puts the next occurrence of a repeating meeting that has started in the calendar, if not there yet. */
	public void scheduleNextOccurrence(String meetingId) {
		partnership.meeting(meetingId).ifPresent(m -> repeat(m, now()));
	}

	/**
	 * What the organiser is told when a build has failed three times in a row since the last
	 * release (once, not at every later failure), or null: the failure's code, never its detail.
	 */
	public MailMessage failureNotice(String meetingId, PackBuildFailed failure) {
		Meeting meeting = partnership.meeting(meetingId).orElse(null);
		if (meeting == null || meeting.organiserEmail() == null) {
			return null;
		}
		int failures = packs.failuresSinceRelease(meetingId);
		if (failures != TELL_ORGANISER_AFTER) {
			return null;
		}
		return new MailMessage(-failures, meeting.organiserEmail(), "Pack not built: " + meeting.title(),
				"The pack for " + meeting.title() + " could not be built (" + failure.code()
						+ "). Nothing has been sent. Proportion keeps retrying.\n");
	}

	private LocalDateTime now() {
		return LocalDateTime.now(clock.withZone(ZoneOffset.UTC));
	}

	// Due and stale, or (before it is due or after it started) views open on other policies, or
	// withdrawn after a rebuild for a person's rights failed: their attendees' links open nothing
	// until a build succeeds, so the schedule retries it like any failed build.
	private boolean needsBuild(Meeting meeting, LocalDateTime now) {
		boolean due = meeting.startsAt().isAfter(now)
				&& !now.isBefore(meeting.startsAt().minusHours(meeting.buildHoursBefore()));
		return due ? stale(meeting)
				: viewsOpen(meeting, now) && (builtOnOtherPolicies(meeting) || packs.withdrawnSinceRelease(meeting.id()));
	}

	// Attendees can still open the meeting's views: until retention deletes them.
	private boolean viewsOpen(Meeting meeting, LocalDateTime now) {
		return now.toLocalDate().isBefore(meeting.date().plusDays(retentionDays + 1L));
	}

	// The meeting's released views were decided on policies other than the validated ones.
	private boolean builtOnOtherPolicies(Meeting meeting) {
		return builtOnOtherPolicies(packs.latestReleasedId(meeting.id()).orElse(null));
	}

	private boolean builtOnOtherPolicies(String releasedPackId) {
		String validated = policies.revision();
		if (validated == null || releasedPackId == null) {
			return false;
		}
		return !PolicyService.revisionLabel(validated).equals(packs.policyRevision(releasedPackId));
	}

	/**
	 * No pack yet, other policies, or the agenda's records are not those the last pack was built
	 * from (an agency sent new or corrected records, or a case's record arrived): the records as
	 * they stand against the digest of those the build read ({@link AgendaDigest}), not against
	 * the build's time, which a record stamped before its intake committed can fall either side of.
	 */
	private boolean stale(Meeting meeting) {
		String released = packs.latestReleasedId(meeting.id()).orElse(null);
		if (released == null || builtOnOtherPolicies(meeting)) {
			return true;
		}
		java.util.Optional<String> builtFrom = packs.agendaDigest(released);
		if (builtFrom.isPresent()) {
			Map<String, CaseRecord> now = cases.byRefs(meeting.agenda());
			return !builtFrom.get().equals(AgendaDigest.of(meeting.agenda(), now::get));
		}
		// Released before packs kept their agenda digest (V33): by its build time, as then.
		return cases.anyUpdatedAfter(meeting.agenda(), packs.builtAt(released));
	}

	private boolean emergencyEndedSinceLastPack(Meeting meeting) {
		String released = packs.latestReleasedId(meeting.id()).orElse(null);
		if (released == null) {
			return false;
		}
		return emergencies.endedSince(packs.builtAt(released)).stream().anyMatch(e -> e.meetingId().equals(meeting.id()));
	}

	// The last build failed and its backoff has passed.
	private boolean retryDue(String meetingId) {
		int failures = packs.failuresSinceRelease(meetingId);
		return failures > 0 && !waiting(meetingId, failures);
	}

	// The last build failed and its backoff has not passed yet.
	private boolean backingOff(String meetingId) {
		int failures = packs.failuresSinceRelease(meetingId);
		return failures > 0 && waiting(meetingId, failures);
	}

	/**
	 * After n failures in a row, wait base, 2 x base, 4 x base... (at most 10 min) before the next
	 * try. The wait is real time since the failure, read against the clock that stamped it (the
	 * builder stamps packs with the wall clock): the meeting calendar's clock may be set apart from
	 * it (tests, a simulated date), and mixing the two once held a retry back for hours.
	 */
	private boolean waiting(String meetingId, int failures) {
		return packs.lastFailureAt(meetingId)
			.map(last -> last.plus(backoff(retryBackoff, failures)).isAfter(java.time.Instant.now()))
			.orElse(false);
	}

	/** How long to wait after the given number of failed builds in a row. */
	static Duration backoff(Duration base, int failures) {
		Duration wait = base.multipliedBy(1L << Math.min(Math.max(failures, 1) - 1, 5));
		return wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
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
