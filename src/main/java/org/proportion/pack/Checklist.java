package org.proportion.pack;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeSet;

import org.proportion.audit.DecisionLog;
import org.proportion.audit.LogEntry;
import org.proportion.cases.CaseRepository;
import org.proportion.model.Attendee;
import org.proportion.model.CaseRecord;
import org.proportion.model.Consent;
import org.proportion.model.DataSharingAgreement;
import org.proportion.model.Meeting;
import org.proportion.model.Organisation;
import org.proportion.partnership.PartnershipRepository;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * The webinar's "things to consider in advance", answered for one meeting from its latest pack:
 * per case, who the controller is, the purpose, and per attendee the lawful basis and Art 9/10
 * conditions the policy used, consent and its scope, the agreement and its date, the safeguards
 * applied, and every gap that blocked a share (those shares were withheld: fail closed).
 */
@Service
public class Checklist {

	/** Rules that mean a share was blocked for want of a basis, condition, agreement or consent. */
	static final Set<String> GAP_RULES = Set.of("sharing.no_basis", "sharing.no_agreement", "sharing.no_art9_condition",
			"sharing.no_art10_condition", "sharing.consent_withdrawn", "sharing.objection", "sharing.under_18", "sharing.age_unknown", "sharing.agreement_not_given",
			"gateway.fail_closed", "gateway.redaction_unavailable", "gateway.no_record", "policy.decision_undefined",
			"policy.input_rejected", "policy.no_decision", "policy.invalid_decision", "policy.incomplete_decision");

	static final String AGREEMENT_NOT_GIVEN = "sharing.agreement_not_given";

	static final String SHARED_WITHOUT_AGREEMENT = "sharing.shared_without_agreement";

	private final PartnershipRepository partnership;

	private final CaseRepository cases;

	private final PackRepository packs;

	private final DecisionLog decisionLog;

	private final int retentionDays;

	Checklist(PartnershipRepository partnership, CaseRepository cases, PackRepository packs, DecisionLog decisionLog,
			@Value("${proportion.retention.days}") int retentionDays) {
		this.partnership = partnership;
		this.cases = cases;
		this.packs = packs;
		this.decisionLog = decisionLog;
		this.retentionDays = retentionDays;
	}

	public record Report(String meetingId, String purpose, String packId, List<CaseItem> cases, List<String> safeguards,
			int gaps) {
	}

	/**
	 * @param purposes the purposes set for the case on the agenda, each with who set it and when
	 * @param actions what someone must do before or after the meeting: seek the person's agreement
	 * (unless unsafe), or the DPO's review of a share made without it
	 */
	public record CaseItem(String caseRef, String controller, String consent, List<Map<String, Object>> purposes,
			List<AttendeeItem> attendees, List<String> actions) {
	}

	public record AttendeeItem(String role, String organisation, Set<String> bases, Set<String> conditions,
			String agreement, List<String> gaps) {
	}

	public Report forMeeting(String meetingId) {
		Meeting meeting = partnership.meeting(meetingId)
			.orElseThrow(() -> new NoSuchElementException("No meeting is registered as '" + meetingId + "'"));
		String packId = packs.latestPack(meetingId)
			.map(p -> (String) p.get("id"))
			.orElseThrow(() -> new NoSuchElementException("No pack has been built for this meeting yet"));
		List<LogEntry> entries = decisionLog.entriesOfPack(packId);
		Map<String, Organisation> organisations = partnership.organisationsById();
		List<DataSharingAgreement> agreements = partnership.agreements();

		List<CaseItem> items = new ArrayList<>();
		int gaps = 0;
		for (String caseRef : meeting.agenda()) {
			CaseRecord record = cases.find(caseRef).orElse(null);
			String controller = record == null ? "no record received" : name(organisations, record.agency());
			List<AttendeeItem> attendees = new ArrayList<>();
			Set<String> actions = new java.util.LinkedHashSet<>();
			for (Attendee attendee : meeting.attendees()) {
				Set<String> bases = new TreeSet<>();
				Set<String> conditions = new TreeSet<>();
				List<String> blocked = new ArrayList<>();
				for (LogEntry e : entries) {
					if (!caseRef.equals(e.caseRef()) && !(e.caseRef() == null && e.item().equals("pack"))
							|| !e.attendeeId().equals(attendee.id())) {
						continue;
					}
					if (e.decision().basis() != null) {
						bases.add(e.decision().basis());
					}
					if (e.decision().condition() != null) {
						conditions.add(e.decision().condition());
					}
					if (GAP_RULES.contains(e.decision().rule())) {
						blocked.add(e.item() + ": " + e.decision().reason());
					}
					if (AGREEMENT_NOT_GIVEN.equals(e.decision().rule())) {
						actions.add("Case worker: seek the person's agreement to share their identity with the "
								+ attendee.role().replace('_', ' ') + ", unless asking would be unsafe.");
					}
					if (SHARED_WITHOUT_AGREEMENT.equals(e.decision().rule())) {
						actions.add("DPO: review the share made to the " + attendee.role().replace('_', ' ')
								+ " without the person's agreement (" + e.decision().reason() + ")");
					}
				}
				gaps += blocked.size();
				attendees.add(new AttendeeItem(attendee.role(), name(organisations, attendee.organisationId()), bases,
						conditions, agreement(agreements, record, attendee, meeting), blocked));
			}
			items.add(new CaseItem(caseRef, controller, consent(record, meeting),
					partnership.purposeHistory(meetingId, caseRef), attendees, List.copyOf(actions)));
		}
		List<String> safeguards = List.of(
				"Each attendee opens only their own view, by a personal link stored as a hash.",
				"Fields are generalised, pseudonymised or withheld per role; notes are redacted per role.",
				"Trend counts below the policy's threshold are suppressed, with secondary suppression.",
				"Views and links are deleted " + retentionDays + " days after the meeting.",
				"Every decision, view and deletion is logged in a hash-chained decision log.");
		return new Report(meetingId, meeting.purpose(), packId, items, safeguards, gaps);
	}

	private static String consent(CaseRecord record, Meeting meeting) {
		Consent consent = record == null ? null : record.consent();
		if (consent == null || Consent.NOT_ASKED.equals(consent.state())) {
			return "not asked yet: sharing relies on another basis; ask unless unsafe";
		}
		if (consent.refused()) {
			return "refused: honoured unless a recorded risk means sharing without agreement";
		}
		if (consent.withdrawn()) {
			return consent.withdrawnOn() == null ? "withdrawn" : "withdrawn on " + consent.withdrawnOn();
		}
		if (consent.validUntil() != null && consent.validUntil().isBefore(meeting.date())) {
			return "expired on " + consent.validUntil();
		}
		boolean inScope = consent.purposes().contains(meeting.purpose());
		return (inScope ? "recorded and in scope for this purpose" : "recorded, but not for this purpose")
				+ (consent.method() == null ? "" : " (" + consent.method() + (consent.obtainedOn() == null ? "" : ", "
						+ consent.obtainedOn()) + ")")
				+ "; organisations: " + String.join(", ", consent.organisations());
	}

	private static String agreement(List<DataSharingAgreement> agreements, CaseRecord record, Attendee attendee,
			Meeting meeting) {
		if (record == null) {
			return "n/a";
		}
		if (record.agency().equals(attendee.organisationId())) {
			return "not needed: own record";
		}
		LocalDate date = meeting.date();
		for (DataSharingAgreement dsa : agreements) {
			if (dsa.parties().contains(record.agency()) && dsa.parties().contains(attendee.organisationId())
					&& dsa.purposes().contains(meeting.purpose())) {
				return dsa.reviewDate().isBefore(date) ? dsa.id() + " lapsed on " + dsa.reviewDate()
						: dsa.id() + " in force until " + dsa.reviewDate();
			}
		}
		return "none in place";
	}

	private static String name(Map<String, Organisation> organisations, String id) {
		Organisation org = organisations.get(id);
		return org == null ? id : org.name();
	}

}
