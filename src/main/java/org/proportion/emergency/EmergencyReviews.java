package org.proportion.emergency;

import java.util.Optional;

import org.proportion.emergency.Emergencies.Emergency;
import org.proportion.pack.PackBuilder;
import org.springframework.stereotype.Service;

/**
 * The DPO's review of an emergency share, one way for the API and the console alike: the
 * retrospective justification is recorded and, since the emergency is then no longer in force,
 * the meeting's views are rebuilt without what it released.
 */
@Service
public class EmergencyReviews {

	private final Emergencies emergencies;

	private final PackBuilder packs;

	EmergencyReviews(Emergencies emergencies, PackBuilder packs) {
		this.emergencies = emergencies;
		this.packs = packs;
	}

	/** Empty when there is no such emergency awaiting review (unknown, or reviewed already). */
	public Optional<Emergency> review(String id, String reviewedBy, String justification) {
		if (justification == null || justification.isBlank()) {
			throw new IllegalArgumentException("A retrospective justification is needed: give one");
		}
		Optional<Emergency> reviewed = emergencies.review(id, reviewedBy, justification.strip());
		// If this build fails, the scheduler's check of ended emergencies rebuilds it with retries.
		reviewed.filter(e -> packs.hasReleased(e.meetingId())).ifPresent(e -> {
			try {
				packs.build(e.meetingId());
			}
			catch (RuntimeException ex) {
				// nothing released by a failed build; the old view is replaced when the retry succeeds
			}
		});
		return reviewed;
	}

}
