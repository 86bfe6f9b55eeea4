# METADATA
# title: The DPO's matrix
# description: |
#   What each role gets of each field, for each meeting purpose, agreement state
#   and case purpose, decided by the live sharing policy itself for a probe case
#   held by a charity, with the basis, the condition and the rule. A DPO reads
#   the whole policy at a glance and attaches it to the DPIA; nothing here is a
#   second copy of a rule.
package proportion.matrix

import data.proportion.sharing

# Routine cases, and cases with a safeguarding concern on the agenda.
case_purposes := ["none", "safeguarding_concern"]

agreement_states := ["not_asked", "agreed", "refused"]

# METADATA
# description: One row per purpose, role, agreement state, case purpose and field.
# entrypoint: true
rows := [row |
	some purpose, roles in data.proportion.sharing.settings.needs
	some role, _ in roles
	some state in agreement_states
	some case_purpose in case_purposes
	d := sharing.decision with input as probe(purpose, role, state, case_purpose)
	some field in data.proportion.catalogue.field_order
	decided := d.attendees.probe.fields[field]
	row := {
		"purpose": purpose,
		"role": role,
		"agreement": state,
		"case_purpose": case_purpose,
		"field": field,
		"action": decided.action,
		"basis": decided.basis,
		"condition": decided.condition,
		"rule": decided.rule,
	}
]

probe(purpose, role, state, case_purpose) := {
	"meeting": {"id": "matrix", "type": "matrix", "purpose": purpose, "date": "2026-01-01"},
	"case": {
		"ref": "matrix:probe",
		"controller": {"id": "probe-controller", "type": "charity"},
		"fields": data.proportion.catalogue.field_order,
		"agreement": agreement(purpose, state),
		"purposes": [p | some p in [case_purpose]; p != "none"],
		"subject_under_18": false,
		"objection": false,
	},
	"attendees": [{"id": "probe", "role": role, "organisation": {"id": "probe-attendee", "type": "probe"}}],
	"agreements": [{
		"id": "probe-dsa",
		"parties": ["probe-controller", "probe-attendee"],
		"purposes": [purpose],
		"categories": [c | some f in data.proportion.catalogue.field_order; c := data.proportion.catalogue.fields[f].category],
		"review_date": "9999-12-31",
	}],
}

agreement(purpose, "agreed") := {"state": "agreed", "purposes": [purpose], "organisations": ["probe-attendee"]}

agreement(_, state) := {"state": state} if state != "agreed"
