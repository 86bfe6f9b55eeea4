package org.proportion.pack;

import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

import org.proportion.audit.DecisionLog;
import org.proportion.audit.LogEntry;
import org.proportion.model.Action;
import org.proportion.model.Decision;
import org.proportion.model.Meeting;
import org.proportion.pack.PackRepository.WithdrawnView;
import org.proportion.partnership.PartnershipRepository;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes attendees' views back when what they hold may no longer be shared and the rebuild that
 * would replace them failed: their links open nothing until a build succeeds. Each view taken
 * back is a {@code withdraw} entry in the decision log, in the same transaction as its deletion,
 * so a DPO can tell from the log alone when an attendee lost sight of a version and why, as
 * for every share and every deletion at retention.
 */
@Component
public class ViewWithdrawals {

	/** Why views are taken back: the log's rule and the reason a DPO reads. */
	public enum Cause {

		/** The DPO replaced the policies and the meeting could not be rebuilt on the new ones. */
		POLICIES_REPLACED("withdrawn.policies_replaced",
				"Withdrawn: decided on policies the DPO has since replaced, and not yet rebuilt on the validated ones."),

		/** An emergency share ended and the meeting could not be rebuilt without what it released. */
		EMERGENCY_ENDED("withdrawn.emergency_ended",
				"Withdrawn: held what an emergency share released, which has ended; not yet rebuilt without it."),

		/** A person's rights request changed the records and the meeting could not be rebuilt. */
		RIGHTS_CHANGED("withdrawn.rights_changed",
				"Withdrawn: a person's rights request changed what may be shared, and the meeting is not yet rebuilt.");

		private final String rule;

		private final String reason;

		Cause(String rule, String reason) {
			this.rule = rule;
			this.reason = reason;
		}

	}

	private final PackRepository packs;

	private final DecisionLog decisionLog;

	private final TransactionTemplate transaction;

	private final PartnershipRepository partnership;

	ViewWithdrawals(PackRepository packs, DecisionLog decisionLog, TransactionTemplate transaction,
			PartnershipRepository partnership) {
		this.partnership = partnership;
		this.packs = packs;
		this.decisionLog = decisionLog;
		this.transaction = transaction;
	}

	/** Every view of every version of the meeting; its released packs are marked withdrawn. */
	public int all(String meetingId, Cause cause) {
		return logged(meetingId, cause, () -> packs.withdrawViews(meetingId));
	}

	/** Every attendee's views of the given pack and of the versions before it. */
	public int upTo(String meetingId, String packId, Cause cause) {
		return logged(meetingId, cause, () -> packs.withdrawAllViewsUpTo(meetingId, packId));
	}

	/** These attendees' views of the given pack and of the versions before it; the others' stay. */
	public int ofAttendeesUpTo(String meetingId, Collection<String> attendeeIds, String packId, Cause cause) {
		return logged(meetingId, cause, () -> packs.withdrawViewsOf(meetingId, attendeeIds, packId));
	}

	// Deleted and logged together: a view is never taken back unlogged, nor logged and kept.
	private int logged(String meetingId, Cause cause, Supplier<List<WithdrawnView>> withdraw) {
		return transaction.execute(tx -> {
			List<WithdrawnView> withdrawn = withdraw.get();
			if (!withdrawn.isEmpty()) {
				// The meeting's purpose, as on the shares being taken back and on retention's deletions.
				String purpose = partnership.meeting(meetingId).map(Meeting::purpose).orElse(null);
				Decision decision = new Decision(Action.WITHDRAW, null, null, purpose, cause.rule, cause.reason, null);
				decisionLog.append(withdrawn.stream()
					.map(v -> new LogEntry(meetingId, v.packId(), v.attendeeId(), known(v.role()), known(v.organisation()),
							null, "pack", decision, v.policyRevision() == null ? "withdrawal" : v.policyRevision()))
					.toList());
			}
			return withdrawn.size();
		});
	}

	// Views stored before attendees' roles were kept with them have none; the log needs a value.
	private static String known(String value) {
		return value == null ? "unknown" : value;
	}

}
