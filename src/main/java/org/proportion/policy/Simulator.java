package org.proportion.policy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.proportion.ProportionProperties;
import org.proportion.cases.CaseRepository;
import org.proportion.model.Attendee;
import org.proportion.model.CaseRecord;
import org.proportion.model.DataSharingAgreement;
import org.proportion.model.Decision;
import org.proportion.model.Meeting;
import org.proportion.model.Organisation;
import org.proportion.pack.PackBuilder;
import org.proportion.partnership.PartnershipRepository;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Shows a DPO what a draft of the policies would change before it goes live: for a meeting in the
 * database, every field, note entity type and trend table whose decision differs between the live
 * policies and the draft, per attendee role, with the old and new rule and reason. Drafts are
 * read only from the configured drafts folder ({@code proportion.simulator.drafts}), by name; the
 * draft is checked without network or runtime built-ins and OPA's messages lose server paths.
 */
@Service
public class Simulator {

	private final PolicyService live;

	private final PartnershipRepository partnership;

	private final CaseRepository cases;

	private final ObjectMapper json;

	private final Path opaBinary;

	private final Duration timeout;

	private final Path drafts;

	Simulator(PolicyService live, PartnershipRepository partnership, CaseRepository cases, ObjectMapper json,
			ProportionProperties properties, @Value("${proportion.opa.binary}") Path opaBinary,
			@Value("${proportion.simulator.drafts:${proportion.home}/drafts}") Path drafts) {
		this.drafts = drafts;
		this.live = live;
		this.partnership = partnership;
		this.cases = cases;
		this.json = json;
		this.opaBinary = opaBinary;
		this.timeout = properties.opa().timeout();
	}

	/** One decision that would change. */
	public record Change(String role, String attendeeId, String caseRef, String item, String oldAction,
			String newAction, String oldRule, String newRule, String oldReason, String newReason) {
	}

	/**
	 * The folder of the draft with this name in the drafts folder; anything else (a path, "..", a
	 * link leading out) is refused with a message that names no server path.
	 */
	Path draftFolder(String name) {
		String refused = "The draft must be the name of a folder in the drafts folder (proportion.simulator.drafts)";
		if (name == null || name.isBlank() || name.contains("/") || name.contains("\\") || name.equals(".")
				|| name.equals("..") || name.contains("\0")) {
			throw new IllegalArgumentException(refused);
		}
		try {
			Path root = drafts.toRealPath();
			Path folder = root.resolve(name).normalize();
			if (!Files.isDirectory(folder) || !folder.toRealPath().startsWith(root) || folder.equals(root)) {
				throw new IllegalArgumentException("There is no draft called '" + name + "' in the drafts folder");
			}
			return folder.toRealPath();
		}
		catch (IOException | InvalidPathException ex) {
			throw new IllegalArgumentException(refused);
		}
	}

	/**
	 * The drafts a DPO may pick: the names of the folders in the drafts folder (no paths), sorted.
	 * None when the folder is missing or unreadable.
	 */
	public List<String> drafts() {
		try (var folders = Files.list(drafts)) {
			return folders.filter(Files::isDirectory)
				.map(folder -> folder.getFileName().toString())
				.filter(name -> !name.startsWith("."))
				.sorted()
				.toList();
		}
		catch (IOException ex) {
			return List.of();
		}
	}

	public List<Change> simulate(String meetingId, String draftName) {
		Meeting meeting = partnership.meeting(meetingId)
			.orElseThrow(() -> new NoSuchElementException("No meeting is registered as '" + meetingId + "'"));
		Path draft = draftFolder(draftName);
		// The live side is the validated revision, as OPA serves it.
		live.liveRevision();
		try (DraftOpa opa = DraftOpa.start(opaBinary, draft)) {
			PolicyService proposed = new PolicyService(new OpaClient(opa.url, timeout, json));
			Map<String, Organisation> organisations = partnership.organisationsById();
			List<DataSharingAgreement> agreements = partnership.agreements();
			List<Change> changes = new ArrayList<>();
			compareTrends(meeting, organisations, proposed, changes);
			for (String caseRef : meeting.agenda()) {
				CaseRecord record = cases.find(caseRef).orElse(null);
				if (record == null) {
					continue;
				}
				var fields = record.fieldsOn(meeting.date()).keySet();
				boolean objected = cases.objected(caseRef);
				CaseDecision before = live.decideCase(meeting, record, fields, organisations, agreements, null, objected);
				CaseDecision after = proposed.decideCase(meeting, record, fields, organisations, agreements, null, objected);
				for (Attendee attendee : meeting.attendees()) {
					CaseDecision.ForAttendee old = before.byAttendee().get(attendee.id());
					CaseDecision.ForAttendee now = after.byAttendee().get(attendee.id());
					compare(attendee, caseRef, "case", old.caseDecision(), now.caseDecision(), changes);
					for (String field : fields) {
						Decision o = old.fields().get(field);
						Decision n = now.fields().get(field);
						compare(attendee, caseRef, field, o, n, changes);
						for (String type : new TreeSet<>(union(o.entities().keySet(), n.entities().keySet()))) {
							String oldOp = o.entities().getOrDefault(type, "-");
							String newOp = n.entities().getOrDefault(type, "-");
							if (!oldOp.equals(newOp)) {
								changes.add(new Change(attendee.role(), attendee.id(), caseRef, field + ":" + type, oldOp, newOp,
										o.rule(), n.rule(), o.reason(), n.reason()));
							}
						}
					}
				}
			}
			return changes;
		}
	}

	private void compareTrends(Meeting meeting, Map<String, Organisation> organisations, PolicyService proposed,
			List<Change> changes) {
		List<String> dimensions = PackBuilder.TREND_DIMENSIONS;
		TrendsDecision before = live.decideTrends(meeting, dimensions, organisations);
		TrendsDecision after = proposed.decideTrends(meeting, dimensions, organisations);
		for (Attendee attendee : meeting.attendees()) {
			for (String dimension : dimensions) {
				compare(attendee, null, "trend:" + dimension, before.byAttendee().get(attendee.id()).get(dimension),
						after.byAttendee().get(attendee.id()).get(dimension), changes);
			}
		}
		if (before.minCellCount() != after.minCellCount()) {
			changes.add(new Change("*", "*", null, "trend:min_cell_count", String.valueOf(before.minCellCount()),
					String.valueOf(after.minCellCount()), null, null, null, null));
		}
	}

	private static void compare(Attendee attendee, String caseRef, String item, Decision before, Decision after,
			List<Change> changes) {
		String old = describe(before);
		String now = describe(after);
		if (!old.equals(now)) {
			changes.add(new Change(attendee.role(), attendee.id(), caseRef, item, old, now, before.rule(), after.rule(),
					before.reason(), after.reason()));
		}
	}

	// What the attendee would see: the action, and how it is generalised.
	private static String describe(Decision d) {
		return d.action().wire() + (d.generalisation() == null ? "" : " (" + d.generalisation() + ")");
	}

	private static Set<String> union(Set<String> a, Set<String> b) {
		Set<String> all = new HashSet<>(a);
		all.addAll(b);
		return all;
	}

}
