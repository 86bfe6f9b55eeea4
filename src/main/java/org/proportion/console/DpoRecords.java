package org.proportion.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.proportion.audit.DecisionLog;
import org.proportion.audit.LogEntry;
import org.proportion.model.Meeting;
import org.proportion.model.Organisation;
import org.proportion.pack.PackRepository;
import org.proportion.partnership.PartnershipRepository;
import org.proportion.policy.PolicyHistory;
import org.proportion.policy.PolicyLoader;
import org.proportion.retention.RetentionService;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The DPO's records of the system itself: the decision log searched by meeting or case, with the
 * chain's verification; which policies went live when; and what retention deletes when. Each is
 * asked of its owner (DecisionLog, PackRepository for a meeting's packs, PolicyHistory,
 * RetentionService): the console reads no table of theirs.
 */
@Controller
class DpoRecords {

	/** Rows a page shows; a search that finds more says so and asks for a narrower one. */
	static final int MOST_ROWS = 500;

	private final DecisionLog decisionLog;

	private final PackRepository packs;

	private final PartnershipRepository partnership;

	private final PolicyHistory policyHistory;

	private final PolicyLoader policies;

	private final RetentionService retention;

	DpoRecords(DecisionLog decisionLog, PackRepository packs, PartnershipRepository partnership, PolicyHistory policyHistory,
			PolicyLoader policies, RetentionService retention) {
		this.decisionLog = decisionLog;
		this.packs = packs;
		this.partnership = partnership;
		this.policyHistory = policyHistory;
		this.policies = policies;
		this.retention = retention;
	}

	/** One decision as the search shows it; seq and time only when the log gives them (a case search). */
	record Row(String seq, String when, String meetingId, String packId, String role, String organisation, String caseRef,
			String item, String action, String basis, String rule, String reason) {
	}

	/**
	 * Searches by case reference (the log is indexed by it), by meeting (each of its packs, every
	 * version), or both. The whole chain is verified with every search: a row read from a log
	 * whose chain is broken cannot be relied on, so the answer says which it is.
	 */
	@GetMapping("/console/dpo/log")
	String log(@RequestParam(required = false) String meeting, @RequestParam(required = false) String ref, Model model) {
		String chosenMeeting = meeting == null ? "" : meeting.strip();
		String caseRef = ref == null ? "" : ref.strip();
		model.addAttribute("meetings", partnership.meetings());
		model.addAttribute("chosenMeeting", chosenMeeting);
		model.addAttribute("ref", caseRef);
		if (chosenMeeting.isEmpty() && caseRef.isEmpty()) {
			return "console/log";
		}
		Map<String, Organisation> organisations = partnership.organisationsById();
		List<Row> rows = new ArrayList<>();
		if (!caseRef.isEmpty()) {
			for (DecisionLog.Logged logged : decisionLog.entriesOfCase(caseRef)) {
				if (chosenMeeting.isEmpty() || chosenMeeting.equals(logged.entry().meetingId())) {
					rows.add(row(String.valueOf(logged.seq()), Times.when(logged.loggedAt()), logged.entry(), organisations));
				}
			}
		}
		else {
			for (String packId : packs.packIds(chosenMeeting)) {
				for (LogEntry entry : decisionLog.entriesOfPack(packId)) {
					rows.add(row("", "", entry, organisations));
				}
			}
		}
		model.addAttribute("searched", true);
		model.addAttribute("found", rows.size());
		model.addAttribute("rows", rows.size() > MOST_ROWS ? rows.subList(0, MOST_ROWS) : rows);
		model.addAttribute("mostRows", MOST_ROWS);
		model.addAttribute("verification", decisionLog.verify());
		return "console/log";
	}

	private static Row row(String seq, String when, LogEntry e, Map<String, Organisation> organisations) {
		Organisation org = organisations.get(e.attendeeOrg());
		return new Row(seq, when, e.meetingId(), e.packId(), e.attendeeRole(), org == null ? e.attendeeOrg() : org.name(),
				e.caseRef() == null ? "" : e.caseRef(), e.item(), e.decision().action().wire(),
				e.decision().basis() == null ? "" : e.decision().basis(), e.decision().rule(), e.decision().reason());
	}

	/** One event in the policies' history, its time written out. */
	record PolicyRow(String when, String what, String kind, String revision, String message) {
	}

	@GetMapping("/console/dpo/policies")
	String policies(Model model) {
		PolicyLoader.Status status = policies.status();
		model.addAttribute("live", status.liveRevision() == null ? null
				: org.proportion.policy.PolicyBundle.shortRevision(status.liveRevision()));
		model.addAttribute("liveSince", Times.when(status.liveSince()));
		model.addAttribute("events", policyHistory.latest(MOST_ROWS)
			.stream()
			.map(e -> new PolicyRow(Times.when(e.at()), e.kind().words(), e.kind().name().toLowerCase(java.util.Locale.ROOT),
					e.shortRevision(), e.message() == null ? "" : e.message()))
			.toList());
		return "console/policies";
	}

	/** A meeting whose packs are held, with its title, and when retention deletes them. */
	record Held(String meetingId, String title, String meetingDate, String deleteOn, int packs, boolean overdue) {
	}

	@GetMapping("/console/dpo/retention")
	String retention(Model model) {
		model.addAttribute("held", held(retention.due(), partnership));
		return "console/retention";
	}

	static List<Held> held(List<RetentionService.Due> due, PartnershipRepository partnership) {
		return due.stream()
			.sorted(java.util.Comparator.comparing(RetentionService.Due::deleteOn))
			.map(d -> new Held(d.meetingId(), partnership.meeting(d.meetingId()).map(Meeting::title).orElse(d.meetingId()),
					d.meetingDate().toString(), d.deleteOn().toString(), d.packs(), d.overdue()))
			.toList();
	}

}
