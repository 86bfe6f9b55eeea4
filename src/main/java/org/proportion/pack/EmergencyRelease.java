package org.proportion.pack;

import java.util.List;
import java.util.NoSuchElementException;

import org.proportion.emergency.Emergencies;
import org.proportion.emergency.Emergencies.Emergency;
import org.proportion.model.Attendee;
import org.proportion.model.Meeting;
import org.proportion.partnership.PartnershipRepository;
import org.springframework.stereotype.Service;

/**
 * Recording an emergency share, whoever records it (the API or the organiser's console): the case
 * must be on the meeting's agenda and the responders its attendees; the person asking is kept with
 * the account that recorded it; then the pack is rebuilt at once, so the responders see what the
 * policy releases on vital interests, and the share waits in the DPO's review queue. It lives
 * beside the builder because the emergency package is read by the builder and cannot call it.
 */
@Service
public class EmergencyRelease {

	private final Emergencies emergencies;

	private final PackBuilder packs;

	private final PartnershipRepository partnership;

	EmergencyRelease(Emergencies emergencies, PackBuilder packs, PartnershipRepository partnership) {
		this.emergencies = emergencies;
		this.packs = packs;
		this.partnership = partnership;
	}

	/** The share as recorded and the pack released with it. */
	public record Released(Emergency emergency, PackSummary pack) {
	}

	/** Why nothing was recorded, by a code the caller can answer with; never a value. */
	public static final class NotRecorded extends RuntimeException {

		private final String code;

		NotRecorded(String code, String message) {
			super(message);
			this.code = code;
		}

		public String code() {
			return code;
		}

	}

	/**
	 * Records the share and rebuilds the pack. Throws {@link NotRecorded} (not_on_agenda,
	 * unknown_responder, invalid_emergency) when nothing was recorded, and {@link PackBuildFailed}
	 * when the share was recorded but no pack was released (the schedule retries the build).
	 */
	public Released record(String meetingId, String caseRef, String requestedBy, String recordedBy, String reason,
			List<String> responders) {
		Meeting meeting = partnership.meeting(meetingId).orElseThrow(() -> new NoSuchElementException("no such meeting"));
		if (caseRef == null || !meeting.agenda().contains(caseRef)) {
			throw new NotRecorded("not_on_agenda", "The case is not on the meeting's agenda");
		}
		List<String> attendees = meeting.attendees().stream().map(Attendee::id).toList();
		if (responders != null && !attendees.containsAll(responders)) {
			throw new NotRecorded("unknown_responder",
					"responders must be attendees of the meeting: " + String.join(", ", attendees));
		}
		// The named person as given, and the account that recorded it.
		String asking = requestedBy == null || requestedBy.isBlank() ? null
				: requestedBy.strip() + " (recorded by " + recordedBy + ")";
		Emergency emergency;
		try {
			emergency = emergencies.record(meetingId, caseRef, asking, reason, responders);
		}
		catch (IllegalArgumentException ex) {
			throw new NotRecorded("invalid_emergency", ex.getMessage());
		}
		return new Released(emergency, packs.build(meetingId));
	}

}
