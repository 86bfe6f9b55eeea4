package org.proportion.rights;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.proportion.cases.CaseRepository;
import org.proportion.model.CaseRecord;
import org.proportion.model.Organisation;
import org.proportion.partnership.PartnershipRepository;
import org.proportion.redact.Words;
import org.proportion.audit.DecisionLog;
import org.proportion.audit.LogEntry;
import org.springframework.stereotype.Service;

/**
 * What was shared about a person, with whom, when and why: built from the decision log (which
 * names cases, never people) and the case records (which say whose cases they are).
 */
@Service
public class Ledger {

	private final DecisionLog decisionLog;

	private final CaseRepository cases;

	private final PartnershipRepository partnership;

	Ledger(DecisionLog decisionLog, CaseRepository cases, PartnershipRepository partnership) {
		this.decisionLog = decisionLog;
		this.cases = cases;
		this.partnership = partnership;
	}

	/** One item of one pack, for one recipient. */
	public record Entry(String loggedAt, String meetingId, String packId, String recipientRole,
			String recipientOrganisation, String caseRef, String item, String action, String basis, String condition,
			String rule, String reason) {
	}

	/** The person's case references: an agency reference as given, or every record with that name and birth date. */
	public Set<String> caseRefs(String agencyRef, String name, String dateOfBirth) {
		Set<String> refs = new LinkedHashSet<>();
		if (agencyRef != null && !agencyRef.isBlank()) {
			cases.find(agencyRef.strip()).ifPresent(r -> refs.add(r.caseRef()));
		}
		if (name != null && !name.isBlank() && dateOfBirth != null) {
			String folded = Words.fold(name.strip()).replaceAll("\\s+", " ");
			for (CaseRecord record : cases.all()) {
				Object recorded = record.fields().get("name");
				if (recorded instanceof String n && Words.fold(n).replaceAll("\\s+", " ").equals(folded)
						&& dateOfBirth.equals(record.fields().get(CaseRecord.DATE_OF_BIRTH))) {
					refs.add(record.caseRef());
				}
			}
		}
		return refs;
	}

	/**
	 * A record that may be the person: each shown apart, because two people can share a name and
	 * a date of birth. The DPO confirms which one is theirs before any report is made.
	 */
	public record Candidate(String caseRef, String source, String agencyRef) {
	}

	public List<Candidate> candidates(String name, String dateOfBirth) {
		return caseRefs(null, name, dateOfBirth).stream()
			.map(ref -> cases.find(ref).orElseThrow())
			.map(r -> new Candidate(r.caseRef(),
					partnership.organisation(r.agency()).map(Organisation::name).orElse(r.agency()), r.agencyRef()))
			.toList();
	}

	public List<Entry> entries(Set<String> caseRefs) {
		if (caseRefs.isEmpty()) {
			return List.of();
		}
		Map<String, Organisation> organisations = partnership.organisationsById();
		List<Entry> entries = new ArrayList<>();
		for (String ref : caseRefs) {
			// The log's owner answers; this package never reads its tables.
			for (DecisionLog.Logged logged : decisionLog.entriesOfCase(ref)) {
				LogEntry e = logged.entry();
				entries.add(new Entry(logged.loggedAt(), e.meetingId(), e.packId(), e.attendeeRole(),
						organisations.containsKey(e.attendeeOrg()) ? organisations.get(e.attendeeOrg()).name() : e.attendeeOrg(),
						ref, e.item(), e.decision().action().wire(), e.decision().basis(), e.decision().condition(),
						e.decision().rule(), e.decision().reason()));
			}
		}
		return entries;
	}

	/** Only the latest released pack of each meeting counts for "what was shared". */
	public List<Entry> latest(List<Entry> entries) {
		Map<String, String> latestPack = entries.stream()
			.collect(Collectors.toMap(Entry::meetingId, Entry::packId, (a, b) -> version(a) >= version(b) ? a : b));
		return entries.stream().filter(e -> e.packId().equals(latestPack.get(e.meetingId()))).toList();
	}

	private static int version(String packId) {
		return Integer.parseInt(packId.substring(packId.lastIndexOf("-v") + 2));
	}

	/** Whether the entry gave the recipient something (shared, generalised, pseudonymised, redacted). */
	public static boolean released(Entry entry) {
		return Set.of("share", "generalise", "pseudonymise", "redact").contains(entry.action().toLowerCase(Locale.ROOT));
	}

}
