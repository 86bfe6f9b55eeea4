package org.proportion.rights;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.stream.Collectors;

import org.proportion.audit.DecisionLog;
import org.proportion.audit.LogEntry;
import org.proportion.cases.CaseRepository;
import org.proportion.ingest.RecordMapper;
import org.proportion.model.Action;
import org.proportion.model.CaseRecord;
import org.proportion.model.Consent;
import org.proportion.model.Decision;
import org.proportion.model.Meeting;
import org.proportion.pack.PackBuildFailed;
import org.proportion.pack.PackBuilder;
import org.proportion.pack.PackRepository;
import org.proportion.pack.ViewWithdrawals;
import org.proportion.partnership.PartnershipRepository;
import org.proportion.redact.Analysis;
import org.proportion.redact.RedactionEngine;
import org.proportion.redact.ScanContext;
import org.proportion.redact.operate.Redactor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * People's rights over what Proportion holds and shares: subject access (with its one-month
 * deadline), erasure and correction (with Art 19 notices to earlier recipients, logged), consent
 * withdrawal and objection (in force from the next pack build).
 */
@Service
public class RightsService {

	private static final Logger log = LoggerFactory.getLogger(RightsService.class);

	private final JdbcClient jdbc;

	private final CaseRepository cases;

	private final Ledger ledger;

	private final DecisionLog decisionLog;

	private final PackBuilder packs;

	private final PackRepository packRepository;

	private final ViewWithdrawals withdrawals;

	private final PartnershipRepository partnership;

	private final RedactionEngine redaction;

	private final TransactionTemplate transaction;

	private final Clock clock;

	private final int retentionDays;

	private final org.proportion.ingest.RawDrops rawDrops;

	RightsService(org.proportion.ingest.RawDrops rawDrops, JdbcClient jdbc, CaseRepository cases, Ledger ledger, DecisionLog decisionLog, PackBuilder packs,
			PackRepository packRepository, PartnershipRepository partnership, RedactionEngine redaction,
			TransactionTemplate transaction, Clock clock, @Value("${proportion.retention.days}") int retentionDays,
			ViewWithdrawals withdrawals) {
		this.withdrawals = withdrawals;
		this.jdbc = jdbc;
		this.cases = cases;
		this.ledger = ledger;
		this.decisionLog = decisionLog;
		this.packs = packs;
		this.packRepository = packRepository;
		this.partnership = partnership;
		this.redaction = redaction;
		this.transaction = transaction;
		this.clock = clock;
		this.retentionDays = retentionDays;
		this.rawDrops = rawDrops;
	}

	// --- Subject access ------------------------------------------------------------

	public record Request(String id, Set<String> caseRefs, LocalDate receivedOn, LocalDate dueOn, LocalDate completedOn) {
	}

	public Request openRequest(Set<String> caseRefs, LocalDate receivedOn) {
		if (caseRefs.isEmpty()) {
			throw new NoSuchElementException("No case record matches this person");
		}
		String id = "SAR-" + (jdbc.sql("select count(*) from subject_access_request").query(Integer.class).single() + 1);
		LocalDate due = receivedOn.plusMonths(1);
		jdbc.sql("insert into subject_access_request (id, case_refs, received_on, due_on) values (?, ?, ?, ?)")
			.params(id, String.join(",", caseRefs), Date.valueOf(receivedOn), Date.valueOf(due))
			.update();
		return request(id);
	}

	public Request request(String id) {
		return jdbc.sql("select * from subject_access_request where id = ?")
			.param(id)
			.query((rs, n) -> new Request(rs.getString("id"), new LinkedHashSet<>(List.of(rs.getString("case_refs").split(","))),
					rs.getDate("received_on").toLocalDate(), rs.getDate("due_on").toLocalDate(),
					rs.getDate("completed_on") == null ? null : rs.getDate("completed_on").toLocalDate()))
			.optional()
			.orElseThrow(() -> new NoSuchElementException("No subject access request " + id));
	}

	public List<Request> openRequests() {
		return jdbc.sql("select id from subject_access_request where completed_on is null order by due_on")
			.query(String.class)
			.list()
			.stream()
			.map(this::request)
			.toList();
	}

	/** What the report tells the person. */
	public record AccessReport(Request request, List<Held> held, List<Shared> recipients, Set<String> purposes,
			String retention, List<String> rights) {
	}

	public record Held(String source, String caseRef, Map<String, String> data) {
	}

	public record Shared(String when, String meeting, String organisation, String role, List<String> items) {
	}

	public AccessReport accessReport(String requestId) {
		Request request = request(requestId);
		List<Held> held = new ArrayList<>();
		for (String ref : request.caseRefs()) {
			cases.find(ref).ifPresent(record -> held.add(new Held(source(record), ref, data(record))));
		}
		// Every version ever released counts: a recipient of an older version may still hold it.
		Map<String, Shared> recipients = new LinkedHashMap<>();
		Set<String> purposes = new LinkedHashSet<>();
		for (Ledger.Entry e : ledger.entries(request.caseRefs())) {
			if (!Ledger.released(e) || e.item().equals("case")) {
				continue;
			}
			purposes.add(e.reason() == null ? "" : purposeOf(e));
			Shared shared = recipients.computeIfAbsent(e.meetingId() + e.recipientOrganisation() + e.recipientRole(),
					k -> new Shared(e.loggedAt(), e.meetingId(), e.recipientOrganisation(), e.recipientRole(), new ArrayList<>()));
			String item = e.item().replace('_', ' ') + " (" + e.action() + "; " + e.basis()
					+ (e.condition() == null ? "" : "; " + e.condition()) + ")";
			if (!shared.items().contains(item)) {
				shared.items().add(item);
			}
		}
		purposes.remove("");
		return new AccessReport(request, held, new ArrayList<>(recipients.values()), purposes,
				"Meeting packs, links and views are deleted " + retentionDays
						+ " days after each meeting. The files agencies send us are kept as sent for "
						+ rawDrops.retentionDays() + " days (to check or repeat how they were taken in), then deleted;"
						+ " if you ask us to erase your data, your record is taken out of them at once. Your case"
						+ " record, and any correction you asked for, are kept until you ask us to erase them (an"
						+ " agency's newer export replaces the record, never the correction). The decision log keeps,"
						+ " without your name, a record of what was decided; it is not deleted, so that every"
						+ " decision can be checked later. Each agency keeps its own case record under its own"
						+ " retention policy.",
				List.of("You can see the data we hold about you (this report).", "You can ask us to correct it.",
						"You can ask us to delete it.", "You can object to it being shared, or withdraw your consent.",
						"You can complain to the Information Commissioner's Office: ico.org.uk, 0303 123 1113."));
	}

	private String purposeOf(Ledger.Entry e) {
		return partnership.meeting(e.meetingId()).map(Meeting::purpose).orElse("").replace('_', ' ');
	}

	private String source(CaseRecord record) {
		return partnership.organisation(record.agency()).map(o -> o.name()).orElse(record.agency());
	}

	/** The person's own data as held; in notes, other people's names are taken out. */
	private Map<String, String> data(CaseRecord record) {
		Map<String, String> data = new LinkedHashMap<>();
		ScanContext subject = new ScanContext(names(record), (String) record.fields().get(CaseRecord.DATE_OF_BIRTH),
				List.of());
		record.fields().forEach((field, value) -> {
			String text = value instanceof List<?> list
					? list.stream().map(String::valueOf).collect(Collectors.joining(", ")) : String.valueOf(value);
			if (field.equals("notes")) {
				// Everything but other people stays: it is the person's own data.
				text = keepAllButPeople(redaction.analyze(text, subject), record);
			}
			data.put(field.replace('_', ' '), text);
		});
		return data;
	}

	private static String keepAllButPeople(Analysis analysis, CaseRecord record) {
		Map<String, String> operators = new LinkedHashMap<>();
		for (var type : org.proportion.redact.EntityType.values()) {
			// Other people's names and the numbers and addresses to reach them are not this person's data.
			boolean someoneElses = Set.of(org.proportion.redact.EntityType.PERSON, org.proportion.redact.EntityType.PHONE,
					org.proportion.redact.EntityType.EMAIL).contains(type);
			operators.put(type.name(), someoneElses ? "redact" : "keep");
		}
		operators.put(Redactor.SUBJECT, "keep");
		operators.put(Redactor.SUBJECT_ALIAS, "keep");
		return Redactor.apply(analysis, operators, record.caseRef(), k -> "[PERSON]").text();
	}

	private static List<String> names(CaseRecord record) {
		List<String> names = new ArrayList<>();
		Object name = record.fields().get("name");
		if (name instanceof String s) {
			names.add(s);
		}
		if (record.fields().get("aliases") instanceof List<?> aliases) {
			aliases.forEach(a -> names.add(String.valueOf(a)));
		}
		return names;
	}

	// --- Erasure, correction, withdrawal, objection ----------------------------------

	/** Who received which items about a case in packs still released: the recipients to tell. */
	private Map<String, LogEntry> recipients(String caseRef, String item) {
		Map<String, LogEntry> recipients = new LinkedHashMap<>();
		Set<String> released = Set.of("share", "generalise", "pseudonymise", "redact");
		Map<String, Boolean> live = new HashMap<>();
		for (DecisionLog.Logged logged : decisionLog.entriesOfCase(caseRef)) {
			LogEntry e = logged.entry();
			if (!released.contains(e.decision().action().wire()) || (item != null && !item.equals(e.item()))
					|| !live.computeIfAbsent(e.packId(), packRepository::heldByAttendees)) {
				continue;
			}
			recipients.putIfAbsent(e.packId() + "|" + e.attendeeId(), new LogEntry(e.meetingId(), e.packId(),
					e.attendeeId(), e.attendeeRole(), e.attendeeOrg(), caseRef, item == null ? "case" : item, null,
					e.policyRevision()));
		}
		return recipients;
	}

	public int erase(String caseRef) {
		CaseRecord record = cases.find(caseRef).orElseThrow(() -> new NoSuchElementException("No case record " + caseRef));
		// The agency's original bytes first: if that fails nothing is erased yet, and the DPO retries.
		rawDrops.erase(record);
		int told = transaction.execute(tx -> {
			// The store's change first: it takes the rights counter's lock, so a release still
			// committing elsewhere is finished and its recipients are found below.
			cases.delete(caseRef);
			Map<String, LogEntry> recipients = recipients(caseRef, null);
			notify(recipients, "erasure", Action.DELETE, "rights.erasure",
					"The person's data was erased at their request; this recipient was told to delete what they received (Art 19).");
			return recipients.size();
		});
		rebuild(caseRef, true);
		return told;
	}

	public int correct(String caseRef, String field, String value) {
		CaseRecord record = cases.find(caseRef).orElseThrow(() -> new NoSuchElementException("No case record " + caseRef));
		if (!record.fields().containsKey(field)) {
			throw new IllegalArgumentException("The record has no field '" + field + "'");
		}
		Object corrected = RecordMapper.canonicalValue(field, value);
		int told = transaction.execute(tx -> {
			// Kept apart, as erasures are: the agency's next export does not undo it. First, as
			// for an erasure: a release still committing elsewhere is finished before recipients().
			cases.recordCorrection(caseRef, field, corrected, LocalDate.now(clock));
			Map<String, LogEntry> recipients = recipients(caseRef, field);
			// Read again now that rights changes wait for this one: two corrections of one record
			// made at once each keep the other's field.
			CaseRecord current = cases.find(caseRef).orElseThrow(() -> new NoSuchElementException("No case record " + caseRef));
			Map<String, Object> now = new LinkedHashMap<>(current.fields());
			now.put(field, corrected);
			cases.update(new CaseRecord(caseRef, current.agency(), current.agencyRef(), now, current.consent()));
			notify(recipients, "correction", Action.CORRECT, "rights.correction",
					"The person's " + field.replace('_', ' ') + " was corrected at their request; this recipient was told (Art 19).");
			return recipients.size();
		});
		rebuild(caseRef, true);
		return told;
	}

	/** Takes effect at once: packs already sent are rebuilt, and those whose view changed are told. */
	public void withdrawConsent(String caseRef) {
		cases.find(caseRef).orElseThrow(() -> new NoSuchElementException("No case record " + caseRef));
		transaction.executeWithoutResult(tx -> cases.recordWithdrawal(caseRef, LocalDate.now(clock)));
		rebuild(caseRef, false);
	}

	public void object(String caseRef) {
		cases.find(caseRef).orElseThrow(() -> new NoSuchElementException("No case record " + caseRef));
		transaction.executeWithoutResult(tx -> cases.recordObjection(caseRef, LocalDate.now(clock)));
		rebuild(caseRef, false);
	}

	private void notify(Map<String, LogEntry> recipients, String kind, Action action, String rule, String reason) {
		Timestamp now = Timestamp.from(clock.instant());
		List<LogEntry> entries = new ArrayList<>();
		for (LogEntry r : recipients.values()) {
			jdbc.sql("""
					insert into recipient_notice (pack_id, attendee_id, case_ref, kind, item, created_at)
					values (?, ?, ?, ?, ?, ?)""")
				.params(r.packId(), r.attendeeId(), r.caseRef(), kind, r.item(), now)
				.update();
			String purpose = partnership.meeting(r.meetingId()).map(Meeting::purpose).orElse(null);
			entries.add(new LogEntry(r.meetingId(), r.packId(), r.attendeeId(), r.attendeeRole(), r.attendeeOrg(),
					r.caseRef(), r.item(), new Decision(action, null, null, purpose, rule, reason, null), "rights"));
		}
		if (!entries.isEmpty()) {
			decisionLog.append(entries);
		}
	}

	public List<Map<String, Object>> notices(String caseRef) {
		return jdbc.sql("select pack_id, attendee_id, kind, item, created_at from recipient_notice where case_ref = ? order by id")
			.param(caseRef)
			.query()
			.listOfRows();
	}

	/**
	 * Every meeting whose views hold the case is rebuilt at once without the old data (after an
	 * erasure or correction the older versions' views are deleted too). If a rebuild fails, for
	 * whatever reason (the policy, the store, another gateway holding the meeting's build too
	 * long), that meeting's views are withdrawn instead, and the other meetings are still rebuilt:
	 * nobody keeps opening the old data while the organiser retries.
	 */
	private void rebuild(String caseRef, boolean purgeOldVersions) {
		// Every meeting whose packs decided about the case, not only those whose agenda still
		// lists it: a case taken off an agenda after a pack was released is still in that pack.
		Set<String> holding = decisionLog.meetingsOfCase(caseRef);
		for (Meeting meeting : partnership.meetings()) {
			if ((meeting.agenda().contains(caseRef) || holding.contains(meeting.id())) && packs.hasReleased(meeting.id())) {
				try {
					packs.build(meeting.id());
					if (purgeOldVersions) {
						packRepository.purgeSuperseded(meeting.id());
					}
				}
				catch (RuntimeException ex) {
					log.warn("Meeting {} could not be rebuilt after a change to a person's rights ({}); its views are withdrawn",
							meeting.id(), ex instanceof PackBuildFailed failed ? failed.code() : ex.getClass().getSimpleName());
					withdrawals.all(meeting.id(), ViewWithdrawals.Cause.RIGHTS_CHANGED);
				}
			}
		}
	}

}
