# METADATA
# title: Case sharing
# description: |
#   Decides, for one case on a meeting's agenda and every attendee of that
#   meeting at once, what each attendee may see of each field: share,
#   generalise, pseudonymise or withhold, with the Art 6 basis, the Art 9 or
#   Art 10 condition where the category needs one, the purpose, the rule that
#   decided and a plain-English reason. Anything not positively allowed is
#   withheld. Tunables live in data.json beside this file.
package proportion.sharing

catalogue := data.proportion.catalogue

tunables := data.proportion.sharing.settings

purpose := input.meeting.purpose

controller := input.case.controller

# METADATA
# description: The decision document the gateway asks for, once per case.
# entrypoint: true
# custom:
#   reason_code: sharing.decision
default decision := {"attendees": {}, "input_errors": ["decision could not be evaluated"]}

decision := {
	"data_revision": data_revision,
	"input_errors": input_errors,
	"attendees": {att.id: attendee_decision(att) | some att in input.attendees},
}

# Digest of the tunables the decision was made with, so every logged
# decision names the exact policy data behind it.
data_revision := crypto.sha256(json.marshal([catalogue, tunables]))

input_errors contains "meeting purpose is missing" if not purpose

input_errors contains "case controller is missing" if not controller.id

input_errors contains "case fields are missing" if not is_array(input.case.fields)

attendee_decision(att) := {
	"case": case_decision(att),
	"fields": {f: with_subject(field_decision(att, f), field_decision(att, "name").action, field_decision(att, "aliases").action) |
		some f in input.case.fields
	},
}

# --- Is the case on this attendee's pack at all? -----------------------------

case_decision(att) := outcome("share", "own_record", null, "sharing.own_record", "The attendee's organisation holds this record.") if {
	own_record(att)
} else := emergency_outcome(null) if {
	emergency_for(att)
} else := outcome("share", basis(att), null, "sharing.case_role", sprintf("A %s has a role in this case at a %s meeting.", [role_label(att), purpose_label])) if {
	role_needs(att)
} else := withhold("sharing.no_case_role", sprintf("A %s has no case role at this meeting: trends only.", [role_label(att)]))

# --- One field for one attendee ---------------------------------------------

field_decision(att, f) := withhold("sharing.unclassified_field", sprintf("Field %q is not in the DPO's field catalogue, so it is withheld.", [f])) if {
	not catalogue.fields[f]
} else := withhold("sharing.category_withheld", tunables.withheld_categories[category(f)]) if {
	tunables.withheld_categories[category(f)]
} else := outcome("share", "own_record", null, "sharing.own_record", "The attendee's organisation is the controller of this record.") if {
	own_record(att)
} else := emergency_outcome(f) if {
	emergency_for(att)
	category(f) in tunables.emergency.categories
} else := withhold("sharing.no_case_role", sprintf("A %s has no case role at this meeting: trends only.", [role_label(att)])) if {
	not role_needs(att)
} else := withhold("sharing.not_needed", sprintf("%s is not needed by a %s for a %s meeting.", [label(f), role_label(att), purpose_label])) if {
	not category(f) in role_needs(att)
} else := withhold("sharing.under_18", sprintf("The person is under 18: %s is shared only with safeguarding roles, not a %s.", [lower(label(f)), role_label(att)])) if {
	input.case.subject_under_18 == true
	category(f) in tunables.under_18.protected_categories
	not att.role in tunables.under_18.safeguarding_roles
} else := withhold("sharing.objection", "The person objected to their data being shared; only safeguarding information may be shared.") if {
	input.case.objection == true
	not category(f) in tunables.safeguarding_categories
} else := withhold("sharing.consent_withdrawn", "The person withdrew consent; only safeguarding information may be shared.") if {
	consent_withdrawn
	not category(f) in tunables.safeguarding_categories
} else := withhold("sharing.no_basis", sprintf("No Art 6 lawful basis for a %s controller to share with a %s.", [controller.type, role_label(att)])) if {
	not basis(att)
} else := withhold("sharing.no_agreement", sprintf("No data sharing agreement in force covers %s for this purpose with the attendee's organisation.", [label(f)])) if {
	not agreement_covers(att, f)
} else := withhold("sharing.no_art9_condition", sprintf("%s is special category data and no Art 9 condition applies for a %s.", [label(f), role_label(att)])) if {
	catalogue.fields[f].special == "art9"
	not tunables.art9_conditions[att.role]
} else := withhold("sharing.no_art10_condition", sprintf("%s is criminal offence data and no Art 10 condition applies for a %s.", [label(f), role_label(att)])) if {
	catalogue.fields[f].special == "art10"
	not tunables.art10_conditions[purpose][att.role]
} else := note_decision(att, f) if {
	category(f) == "free_text"
} else := withhold("sharing.minimised", sprintf("%s is more than a %s needs; minimised out.", [label(f), role_label(att)])) if {
	transform(att, f) == "withhold"
} else := with_generalisation(transformed(att, f, "pseudonymise", "sharing.pseudonymised", "Pseudonymised: the attendee needs the case, not the person's identity."), "pseudonym") if {
	transform(att, f) == "pseudonym"
} else := with_generalisation(transformed(att, f, "generalise", "sharing.generalised", sprintf("Generalised (%s): the detail is more than a %s needs.", [transform(att, f), role_label(att)])), transform(att, f)) if {
	transform(att, f)
} else := outcome("share", basis(att), condition(att, f), "sharing.needed", sprintf("A %s needs %s for a %s meeting.", [role_label(att), lower(label(f)), purpose_label]))

# --- Free text: shared with what each role may not see taken out ------------------

# Each entity type the redaction engine finds gets an operator: keep, redact, pseudonymise,
# mask or generalise. Third parties' names are never kept; health and criminal details are kept
# only where the role has the Art 9 / Art 10 condition; the subject is named only if the role
# may see the name field.
note_decision(att, _) := object.union(
	outcome("redact", basis(att), null, "sharing.notes_redacted", sprintf("Case notes with personal details removed as set for a %s.", [role_label(att)])),
	{"entities": note_entities(att)},
)

note_entities(att) := {type: entity_operator(att, type, op) |
	some type, op in object.union(tunables.note_entities["default"], object.get(tunables.note_entities.by_role, att.role, {}))
}

# The subject of a note is named, pseudonymised or removed as the name field is for the
# attendee; named by an alias, as the aliases field is.
with_subject(decision, name_action, alias_action) := object.union(decision, {"entities": object.union(
	decision.entities,
	{"SUBJECT": subject_operator(name_action), "SUBJECT_ALIAS": alias_operator(name_action, alias_action)},
)}) if {
	decision.action == "redact"
} else := decision

entity_operator(_, "PERSON", op) := "pseudonymise" if op == "pseudonymise"

entity_operator(_, "PERSON", op) := "redact" if op != "pseudonymise"

entity_operator(att, "HEALTH", op) := op if {
	tunables.art9_conditions[att.role]
} else := "redact"

entity_operator(att, "SEXUALITY", op) := op if {
	tunables.art9_conditions[att.role]
} else := "redact"

entity_operator(att, "NRP", op) := op if {
	tunables.art9_conditions[att.role]
} else := "redact"

entity_operator(att, "CRIMINAL", op) := op if {
	tunables.art10_conditions[purpose][att.role]
} else := "redact"

entity_operator(_, type, op) := op if not type in {"PERSON", "HEALTH", "SEXUALITY", "NRP", "CRIMINAL"}

# An alias is kept only where the aliases field is shared; under a pseudonym it becomes the pseudonym.
alias_operator(_, "share") := "keep"

alias_operator("pseudonymise", alias_action) := "pseudonymise" if alias_action != "share"

alias_operator(name_action, alias_action) := "redact" if {
	alias_action != "share"
	name_action != "pseudonymise"
}

subject_operator("share") := "keep"

subject_operator("pseudonymise") := "pseudonymise"

subject_operator(action) := "redact" if not action in {"share", "pseudonymise"}

transformed(att, f, action, rule, reason) := outcome(action, basis(att), condition(att, f), rule, reason)

with_generalisation(o, how) := object.union(o, {"generalisation": how})

# --- Emergencies: vital interests -------------------------------------------

# A named person has asked, with a reason, to release what is needed to protect life now. The
# gateway records who and why; the decision records that a retrospective justification is due.
emergency_for(att) if {
	input.emergency.id
	att.role in tunables.emergency.roles
}

emergency_outcome(f) := object.union(
	outcome(
		"share", "vital_interests", emergency_condition(f), "sharing.emergency_vital_interests",
		sprintf("Emergency share %s to protect life, released at once; a retrospective justification is due to the DPO.", [input.emergency.id]),
	),
	{"emergency": true, "review_due": true},
)

emergency_condition(f) := tunables.emergency.art9_condition if {
	catalogue.fields[f].special == "art9"
} else := tunables.emergency.art10_condition if {
	catalogue.fields[f].special == "art10"
} else := null

# --- Art 6 basis ------------------------------------------------------------

# Consent, where recorded for this organisation and purpose, in date and not withdrawn; then a
# recognised legitimate interest (DUAA 2025) where the partnership has switched it on; then the
# controller's own basis.
basis(att) := "consent" if {
	consent_covers(att)
} else := "recognised_legitimate_interest" if {
	tunables.recognised_legitimate_interests.enabled == true
	purpose in tunables.recognised_legitimate_interests.purposes
} else := tunables.basis_by_controller_type[controller.type]

consent_covers(att) if {
	not consent_withdrawn
	not consent_expired
	purpose in input.case.consent.purposes
	att.organisation.id in input.case.consent.organisations
}

consent_expired if input.case.consent.until < input.meeting.date

consent_withdrawn if input.case.consent.withdrawn == true

# --- Art 9 / Art 10 conditions ------------------------------------------------

condition(att, f) := tunables.art9_conditions[att.role] if {
	catalogue.fields[f].special == "art9"
} else := tunables.art10_conditions[purpose][att.role] if {
	catalogue.fields[f].special == "art10"
} else := null

# --- Data sharing agreements ------------------------------------------------

agreement_covers(att, f) if {
	some agreement in input.agreements
	controller.id in agreement.parties
	att.organisation.id in agreement.parties
	purpose in agreement.purposes
	category(f) in agreement.categories
	agreement.review_date >= input.meeting.date
}

# --- Helpers -------------------------------------------------------------------

own_record(att) if att.organisation.id == controller.id

role_needs(att) := tunables.needs[purpose][att.role]

transform(att, f) := tunables.transforms[purpose][att.role][f]

category(f) := catalogue.fields[f].category

label(f) := catalogue.fields[f].label

role_label(att) := lower(catalogue.roles[att.role]) if {
	catalogue.roles[att.role]
} else := "attendee with an unknown role"

purpose_label := replace(purpose, "_", " ")

withhold(rule, reason) := outcome("withhold", null, null, rule, reason)

outcome(action, basis_name, condition_text, rule, reason) := {
	"action": action,
	"basis": basis_text(basis_name),
	"condition": condition_text,
	"purpose": purpose,
	"rule": rule,
	"reason": reason,
}

basis_text(name) := tunables.bases[name] if {
	tunables.bases[name]
} else := null
