package org.proportion.emergency;

import java.util.Optional;

import org.proportion.emergency.Emergencies.Emergency;
import org.proportion.pack.PackBuilder;
import org.proportion.pack.PackRepository;
import org.proportion.pack.ViewWithdrawals;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The DPO's review of an emergency share, one way for the API and the console alike: the
 * retrospective justification is recorded and, since the emergency is then no longer in force,
 * the meeting's views are rebuilt without what it released (or, if that build fails, the
 * responders' views are withdrawn until one succeeds).
 */
@Service
public class EmergencyReviews {

	private final Emergencies emergencies;

	private static final Logger log = LoggerFactory.getLogger(EmergencyReviews.class);

	private final PackBuilder packs;

	private final PackRepository views;

	private final ViewWithdrawals withdrawals;

	EmergencyReviews(Emergencies emergencies, PackBuilder packs, PackRepository views, ViewWithdrawals withdrawals) {
		this.withdrawals = withdrawals;
		this.emergencies = emergencies;
		this.packs = packs;
		this.views = views;
	}

	/** Empty when there is no such emergency awaiting review (unknown, or reviewed already). */
	public Optional<Emergency> review(String id, String reviewedBy, String justification) {
		if (justification == null || justification.isBlank()) {
			throw new IllegalArgumentException("A retrospective justification is needed: give one");
		}
		Optional<Emergency> reviewed = emergencies.review(id, reviewedBy, justification.strip());
		// If this build fails, the responders' views (which still hold what the emergency
		// released) are withdrawn, and the scheduler's check of ended emergencies rebuilds the
		// meeting with retries: nobody keeps what it released while the rebuild is retried.
		reviewed.filter(e -> packs.hasReleased(e.meetingId())).ifPresent(e -> {
			try {
				packs.build(e.meetingId());
			}
			catch (RuntimeException ex) {
				log.warn("Meeting {} could not be rebuilt after an emergency share ended ({}); its responders' views are"
						+ " withdrawn until a build succeeds", e.meetingId(), ex.getClass().getSimpleName());
				views.latestReleasedId(e.meetingId())
					.ifPresent(released -> withdrawals.ofAttendeesUpTo(e.meetingId(), e.responders(), released,
							ViewWithdrawals.Cause.EMERGENCY_ENDED));
			}
		});
		return reviewed;
	}

	/**
	 * For the schedule, after its rebuilds: if the meeting's latest released views still hold an
	 * emergency share that has ended since they were built (72 hours passed, or the DPO reviewed
	 * it, and the rebuild failed or waits for its retry), its responders' views are withdrawn until
	 * a build succeeds. Views built while an emergency was in force always differ from those built
	 * after it (the decisions logged for its responders cite it), so a rebuild that succeeded
	 * released newer views, and this finds nothing. The other attendees' views never held it.
	 *
	 * @return how many stored views were withdrawn
	 */
	public int withdrawEndedShares(String meetingId) {
		Optional<String> released = views.latestReleasedId(meetingId);
		if (released.isEmpty()) {
			return 0;
		}
		java.util.Set<String> responders = new java.util.LinkedHashSet<>();
		emergencies.endedSince(views.builtAt(released.get()))
			.stream()
			.filter(e -> e.meetingId().equals(meetingId))
			.forEach(e -> responders.addAll(e.responders()));
		// Up to that version only: a clean version released since (by a build the API or another
		// gateway ran meanwhile) keeps its views.
		int withdrawn = responders.isEmpty() ? 0
				: withdrawals.ofAttendeesUpTo(meetingId, responders, released.get(), ViewWithdrawals.Cause.EMERGENCY_ENDED);
		if (withdrawn > 0) {
			log.warn("Meeting {} was not rebuilt after an emergency share ended; its responders' views are withdrawn"
					+ " until a build succeeds", meetingId);
		}
		return withdrawn;
	}

}
