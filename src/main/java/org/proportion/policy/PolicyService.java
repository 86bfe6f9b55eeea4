package org.proportion.policy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import com.fasterxml.jackson.databind.JsonNode;
import org.proportion.model.Action;
import org.proportion.model.Attendee;
import org.proportion.model.CaseRecord;
import org.proportion.model.DataSharingAgreement;
import org.proportion.model.Decision;
import org.proportion.model.Meeting;
import org.proportion.model.Organisation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * The only code that talks to OPA. It asks once per case for all attendees of the meeting, and
 * once per pack for the trends. The input carries field names and the facts the rules need,
 * never field values. Anything missing or malformed in an answer becomes a withhold.
 */
@Service
public class PolicyService {

	static final String SHARING = "proportion/sharing/decision";

	static final String TRENDS = "proportion/trends/decision";

	private static final Logger log = LoggerFactory.getLogger(PolicyService.class);

	private final OpaClient opa;

	private final ServedRevision served;

	/**
	 * Each kept answer's reading ({@link #read}), by the answer itself. OPA's answers are kept by
	 * their whole input ({@link DecisionCache}): the meeting (its id, purpose and attendees with
	 * their ids), the case's field names and its facts. The reading depends on nothing else, so a
	 * case whose answer was kept for another case with the same facts gets that case's reading:
	 * read once, not once per case (in a 200-case build, 21 readings instead of 200, and the
	 * build's log entries share their decisions instead of each holding a copy). Keyed by
	 * identity, since an answer the cache forgot is never handed out again; at most
	 * {@link #READINGS}, the least recently used forgotten first. Off when answers are not kept
	 * (a draft's, or a cache of 0), since no answer would ever come back.
	 */
	private final Map<Answer, CaseDecision> readings;

	static final int READINGS = 1024;

	/** An answer as a key: itself, not its contents (hashing a whole answer costs what reading it does). */
	private record Answer(JsonNode node) {

		@Override
		public boolean equals(Object other) {
			return other instanceof Answer answer && answer.node == node;
		}

		@Override
		public int hashCode() {
			return System.identityHashCode(node);
		}

	}

	/** Decisions from an OPA whose revision is not checked: the simulator's draft server. */
	public PolicyService(OpaClient opa) {
		this(opa, null);
	}

	@Autowired
	public PolicyService(OpaClient opa, ServedRevision served) {
		this.opa = opa;
		this.served = served;
		this.readings = served != null && opa.keepsAnswers() ? java.util.Collections.synchronizedMap(
				new LinkedHashMap<>(64, 0.75f, true) {
					@Override
					protected boolean removeEldestEntry(Map.Entry<Answer, CaseDecision> eldest) {
						return size() > READINGS;
					}
				}) : null;
	}

	/**
	 * The validated policy revision, once OPA is seen serving exactly it; throws (no pack) when OPA
	 * cannot be reached or serves anything else. Called before a build's decisions and after them.
	 */
	public String liveRevision() {
		return requireServed();
	}

	// A decision from other policies: OPA's next poll gets the validated bundle again.
	private void reloadOnMismatch(PolicyUnavailable ex) {
		if (served != null && "policy_revision_mismatch".equals(ex.code())) {
			served.reloadOpa();
		}
	}

	// Every live decision must come from the validated bundle; a draft's are not checked.
	private String expectedRevision() {
		if (served == null) {
			return null;
		}
		String validated = served.validatedRevision();
		if (validated == null) {
			throw new PolicyUnavailable("policy_not_validated", "No policies have passed validation, so nothing is decided");
		}
		return validated;
	}

	/** How a pack and its log entries name the revision they were decided on. */
	public static String revisionLabel(String revision) {
		return "bundle:" + revision.substring(0, Math.min(16, revision.length()));
	}

	private String requireServed() {
		if (served == null) {
			throw new IllegalStateException("This policy service decides drafts only");
		}
		return served.require();
	}

	public CaseDecision decideCase(Meeting meeting, CaseRecord record, Collection<String> fields,
			Map<String, Organisation> organisations, List<DataSharingAgreement> agreements) {
		return decideCase(meeting, record, fields, organisations, agreements, CaseFacts.NONE);
	}

	/**
	 * @param emergencyId an emergency share in force for this case at this meeting, or null
	 * @param objected whether the person has objected (Art 21) to the sharing of their data
	 */
	public CaseDecision decideCase(Meeting meeting, CaseRecord record, Collection<String> fields,
			Map<String, Organisation> organisations, List<DataSharingAgreement> agreements, String emergencyId,
			boolean objected) {
		return decideCase(meeting, record, fields, organisations, agreements,
				new CaseFacts(meeting.purposesOf(record.caseRef()), emergencyId, List.of(), objected));
	}

	/**
	 * Asks for one case, for every attendee. The input carries the record's field names, the
	 * case's agreement, purposes, risk flag codes (from the policy's own vocabulary) and
	 * do-not-disclose marks (field names): never a field's value, nor the case's reference (the
	 * policy decides on facts, not on who it is). So cases with the same facts are the same
	 * question, answered once per revision ({@link DecisionCache}).
	 */
	public CaseDecision decideCase(Meeting meeting, CaseRecord record, Collection<String> fields,
			Map<String, Organisation> organisations, List<DataSharingAgreement> agreements, CaseFacts facts) {
		Map<String, Object> input = new LinkedHashMap<>();
		input.put("meeting", meetingInput(meeting));
		Map<String, Object> caseInput = new LinkedHashMap<>();
		caseInput.put("controller", organisationInput(organisations.get(record.agency()), record.agency()));
		caseInput.put("fields", fields.stream().filter(f -> !f.equals(CaseRecord.DO_NOT_DISCLOSE)).toList());
		caseInput.put("agreement", agreementInput(record.consent()));
		OptionalInt age = age(record, meeting);
		caseInput.put("subject_under_18", age.isPresent() && age.getAsInt() < 18);
		caseInput.put("subject_age_unknown", age.isEmpty());
		caseInput.put("objection", facts.objected());
		caseInput.put("purposes", facts.purposes());
		caseInput.put("risk_flags", textList(record.fields().get("risk_flags")));
		caseInput.put("do_not_disclose", textList(record.fields().get(CaseRecord.DO_NOT_DISCLOSE)));
		input.put("case", caseInput);
		if (facts.emergencyId() != null) {
			input.put("emergency", Map.of("id", facts.emergencyId(), "responders", facts.responders()));
		}
		input.put("attendees", attendeesInput(meeting, organisations));
		input.put("agreements", agreements.stream().map(PolicyService::agreementInput).toList());

		JsonNode result;
		try {
			result = opa.query(SHARING, input, expectedRevision());
		}
		catch (PolicyUnavailable ex) {
			reloadOnMismatch(ex);
			if (!ex.code().equals("decision_undefined")) {
				throw ex;
			}
			return withheldFromAll(meeting, fields, "policy.decision_undefined",
					"The sharing policy gave no decision for this case, so it is withheld.");
		}
		if (readings == null) {
			return read(result, meeting, fields);
		}
		Answer answer = new Answer(result);
		CaseDecision kept = readings.get(answer);
		if (kept == null) {
			kept = read(result, meeting, fields);
			readings.put(answer, kept);
		}
		return kept;
	}

	/**
	 * What an answer of the sharing policy says for each attendee and field; anything missing or
	 * malformed is a withhold. Depends only on the answer and on what the question carried (the
	 * meeting's attendees and purpose, the case's field names), so it may be kept by the answer.
	 */
	private CaseDecision read(JsonNode result, Meeting meeting, Collection<String> fields) {
		List<String> errors = new ArrayList<>();
		result.path("input_errors").forEach(e -> errors.add(e.asText()));
		// The catalogue's rows, in its order.
		List<String> order = new ArrayList<>();
		result.path("field_order").forEach(f -> order.add(f.asText()));
		if (!errors.isEmpty()) {
			// Which case is in the decision log (policy.input_rejected), not in the server's log;
			// what was wrong is in the server's log, not in the reason every attendee reads (a
			// reason saying "a risk flag is not in the policy's vocabulary" would tell them there
			// is one). The rows are the catalogue's, as for any case, not the record's own fields.
			log.warn("Sharing policy rejected the input for a case of meeting {}: {}", meeting.id(), errors);
			return withheldFromAll(meeting, order.isEmpty() ? fields : order, "policy.input_rejected",
					"The sharing policy could not decide this case, so it is withheld.");
		}
		// Every catalogue field, then any the record brings that the catalogue lacks (withheld, logged).
		java.util.Set<String> decided = new java.util.LinkedHashSet<>(order);
		fields.stream().filter(f -> !f.equals(CaseRecord.DO_NOT_DISCLOSE)).forEach(decided::add);
		Map<String, CaseDecision.ForAttendee> byAttendee = new LinkedHashMap<>();
		for (Attendee attendee : meeting.attendees()) {
			JsonNode node = result.path("attendees").path(attendee.id());
			Map<String, Decision> fieldDecisions = new LinkedHashMap<>();
			for (String field : decided) {
				fieldDecisions.put(field, parse(node.path("fields").path(field), meeting.purpose()));
			}
			byAttendee.put(attendee.id(), new CaseDecision.ForAttendee(parse(node.path("case"), meeting.purpose()),
					java.util.Collections.unmodifiableMap(fieldDecisions)));
		}
		// Unmodifiable: a kept reading is shared by every case with the same answer.
		return new CaseDecision(result.path("data_revision").asText("unknown"),
				java.util.Collections.unmodifiableMap(byAttendee), order);
	}

	private static List<String> textList(Object value) {
		if (value instanceof List<?> list) {
			return list.stream().map(String::valueOf).toList();
		}
		return value == null ? List.of() : List.of(value.toString());
	}

	/** The person's agreement as the policy reads it: state and scope, never who they are. */
	private static Map<String, Object> agreementInput(org.proportion.model.Consent consent) {
		Map<String, Object> agreement = new LinkedHashMap<>();
		if (consent == null) {
			agreement.put("state", org.proportion.model.Consent.NOT_ASKED);
			return agreement;
		}
		agreement.put("state", consent.state());
		agreement.put("purposes", consent.purposes());
		agreement.put("organisations", consent.organisations());
		agreement.put("fields", consent.fields());
		if (consent.method() != null) {
			agreement.put("how", consent.method());
		}
		if (consent.validUntil() != null) {
			agreement.put("until", consent.validUntil().toString());
		}
		return agreement;
	}

	public TrendsDecision decideTrends(Meeting meeting, List<String> dimensions,
			Map<String, Organisation> organisations) {
		Map<String, Object> input = Map.of("meeting", meetingInput(meeting), "attendees",
				attendeesInput(meeting, organisations));
		JsonNode result;
		try {
			result = opa.query(TRENDS, input, expectedRevision());
		}
		catch (PolicyUnavailable ex) {
			reloadOnMismatch(ex);
			if (!ex.code().equals("decision_undefined")) {
				throw ex;
			}
			result = null;
		}
		Map<String, Map<String, Decision>> byAttendee = new LinkedHashMap<>();
		for (Attendee attendee : meeting.attendees()) {
			Map<String, Decision> decisions = new LinkedHashMap<>();
			for (String dimension : dimensions) {
				JsonNode node = result == null ? null : result.path("attendees").path(attendee.id()).path("dimensions").path(dimension);
				decisions.put(dimension, node == null ? Decision.withhold(meeting.purpose(), "policy.decision_undefined",
						"The trends policy gave no decision, so this table is withheld.") : parse(node, meeting.purpose()));
			}
			byAttendee.put(attendee.id(), decisions);
		}
		int minCell = result == null ? Integer.MAX_VALUE : Math.max(2, result.path("min_cell_count").asInt(Integer.MAX_VALUE));
		return new TrendsDecision(result == null ? "undefined" : result.path("data_revision").asText("unknown"), minCell,
				byAttendee);
	}

	/**
	 * The person's age on the meeting's date, or empty if the record gives none the gateway can
	 * read. The policy then applies a child's protections and only those: an unknown age is not
	 * taken as a child, which would also make the case a safeguarding concern and name the person
	 * to the police.
	 */
	private static OptionalInt age(CaseRecord record, Meeting meeting) {
		Object age = record.fieldsOn(meeting.date()).get(CaseRecord.AGE);
		try {
			return age == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(age.toString().trim()));
		}
		catch (NumberFormatException ex) {
			return OptionalInt.empty();
		}
	}

	/** Reads one decision; missing or unknown actions are withholds that say so. */
	static Decision parse(JsonNode node, String purpose) {
		if (node == null || node.isMissingNode() || !node.isObject()) {
			return Decision.withhold(purpose, "policy.no_decision", "The policy gave no decision for this item, so it is withheld.");
		}
		Action action;
		try {
			action = Action.fromPolicy(node.path("action").asText(null));
		}
		catch (IllegalArgumentException ex) {
			return Decision.withhold(purpose, "policy.invalid_decision", "The policy's decision was not understood, so the item is withheld.");
		}
		String rule = text(node, "rule");
		String reason = text(node, "reason");
		String basis = text(node, "basis");
		if (rule == null || reason == null || (action.releases() && basis == null)) {
			return Decision.withhold(purpose, "policy.incomplete_decision",
					"The policy's decision lacked a rule, reason or lawful basis, so the item is withheld.");
		}
		Map<String, String> entities = new LinkedHashMap<>();
		node.path("entities").fields().forEachRemaining(e -> {
			if (e.getValue().isTextual() && !e.getValue().asText().isBlank()) {
				entities.put(e.getKey(), e.getValue().asText());
			}
		});
		if (action == Action.REDACT && entities.isEmpty()) {
			return Decision.withhold(purpose, "policy.incomplete_decision",
					"The policy said to redact but named no operators, so the item is withheld.");
		}
		List<String> wording = new ArrayList<>();
		node.path("wording").forEach(w -> wording.add(w.asText()));
		return new Decision(action, basis, text(node, "condition"), text(node, "purpose"), rule, reason,
				text(node, "generalisation"), entities, text(node, "sensitivity"), wording,
				node.path("review_due").asBoolean(false));
	}

	private static CaseDecision withheldFromAll(Meeting meeting, Collection<String> fields, String rule, String reason) {
		Decision withheld = Decision.withhold(meeting.purpose(), rule, reason);
		Map<String, CaseDecision.ForAttendee> byAttendee = new LinkedHashMap<>();
		for (Attendee attendee : meeting.attendees()) {
			Map<String, Decision> fieldDecisions = new LinkedHashMap<>();
			fields.forEach(f -> fieldDecisions.put(f, withheld));
			byAttendee.put(attendee.id(), new CaseDecision.ForAttendee(withheld, fieldDecisions));
		}
		return new CaseDecision("undefined", byAttendee, List.copyOf(fields));
	}

	/**
	 * A field of a decision as text, or null when it is missing, not a string, or blank: a rule,
	 * reason or basis of {@code ""}, {@code "  "}, {@code {}} or {@code 42} says nothing, so it
	 * counts as absent and the decision becomes a withhold.
	 */
	private static String text(JsonNode node, String name) {
		JsonNode value = node.get(name);
		return value == null || !value.isTextual() || value.asText().isBlank() ? null : value.asText();
	}

	private static Map<String, Object> meetingInput(Meeting meeting) {
		Map<String, Object> input = new LinkedHashMap<>();
		input.put("id", meeting.id());
		input.put("type", meeting.type());
		input.put("purpose", meeting.purpose());
		input.put("date", meeting.date().toString());
		if (meeting.requestedFields() != null) {
			input.put("requested_fields", meeting.requestedFields());
		}
		return input;
	}

	private static List<Map<String, Object>> attendeesInput(Meeting meeting, Map<String, Organisation> organisations) {
		return meeting.attendees()
			.stream()
			.map(a -> Map.<String, Object>of("id", a.id(), "role", a.role(), "organisation",
					organisationInput(organisations.get(a.organisationId()), a.organisationId())))
			.toList();
	}

	private static Map<String, Object> organisationInput(Organisation organisation, String id) {
		// An unregistered organisation is sent with an unknown type: the policy gives it no basis.
		return Map.of("id", id, "type", organisation == null ? "unregistered" : organisation.type());
	}

	private static Map<String, Object> agreementInput(DataSharingAgreement dsa) {
		return Map.of("id", dsa.id(), "parties", dsa.parties(), "purposes", dsa.purposes(), "categories",
				dsa.categories(), "review_date", dsa.reviewDate().toString());
	}

}
