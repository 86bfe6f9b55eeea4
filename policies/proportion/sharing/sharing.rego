# METADATA
# title: Case sharing
# description: |
#   Decides, for one case on a meeting's agenda (or one approved request) and
#   every attendee at once, what each attendee may see of each field in the
#   DPO's catalogue: share, generalise, pseudonymise or withhold, with the Art 6
#   basis, the Art 9 or Art 10 condition where the category needs one, the
#   purpose, the rule that decided and a plain-English reason. Anything not
#   positively allowed is withheld. Every field of the catalogue is decided for
#   every case, whether the record holds it or not, so the shape of a view never
#   tells the reader what a record holds. Tunables live in data.json beside this
#   file; each rule names the guidance it follows.
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
	"field_order": catalogue.field_order,
	"attendees": {att.id: attendee_decision(att) | some att in input.attendees},
}

# Digest of the tunables the decision was made with, so every logged
# decision names the exact policy data behind it.
data_revision := crypto.sha256(json.marshal([catalogue, tunables]))

input_errors contains "meeting purpose is missing" if not purpose

input_errors contains "case controller is missing" if not controller.id

input_errors contains "case fields are missing" if not is_array(object.get(object.get(input, "case", {}), "fields", null))

input_errors contains sprintf("case purpose %q is not in the policy's list", [p]) if {
	some p in object.get(input.case, "purposes", [])
	not tunables.case_purposes[p]
}

# Without the code itself: a code outside the vocabulary may be free text about the person.
input_errors contains "a risk flag is not in the policy's vocabulary" if {
	some code in object.get(input.case, "risk_flags", [])
	not tunables.risk_flags[code]
}

input_errors contains sprintf("agreement state %q is not known", [agreement_state]) if {
	not agreement_state in {"not_asked", "agreed", "refused", "withdrawn"}
}

# Every catalogue field, and any field the record brings (an unclassified one is withheld and logged).
decided_fields := {f | some f in catalogue.field_order} | {f | some f in input.case.fields}

attendee_decision(att) := {
	"case": case_decision(att),
	"fields": {f: with_subject(field_decision(att, f), name_action, alias_action) | some f in decided_fields},
} if {
	name_action := field_decision(att, "name").action
	alias_action := field_decision(att, "aliases").action
}

# --- Is the case on this attendee's pack at all? -----------------------------

case_decision(att) := outcome("share", "own_record", null, "sharing.own_record", "The attendee's organisation holds this record.") if {
	own_record(att)
} else := emergency_outcome(null) if {
	emergency_for(att)
} else := withhold("sharing.no_case_role", sprintf("A %s has no case role at this meeting: trends only.", [role_label(att)])) if {
	not role_needs(att)
} else := withhold("sharing.refused", refused_reason) if {
	# A refusal is honoured (HM Government information sharing advice 2024, "seek agreement
	# unless unsafe") unless a recorded risk lets this role act on it.
	refused
	count(override_risks_for_role(att)) == 0
} else := withhold("sharing.no_basis", sprintf("No Art 6 lawful basis for a %s controller to share with a %s.", [controller.type, role_label(att)])) if {
	not basis(att, "name")
} else := outcome("share", basis(att, "name"), null, "sharing.case_role", sprintf("A %s has a role in this case at a %s meeting.", [role_label(att), purpose_label]))

# --- One field for one attendee ---------------------------------------------

field_decision(att, f) := withhold("sharing.unclassified_field", sprintf("Field %q is not in the DPO's field catalogue, so it is withheld.", [f])) if {
	not catalogue.fields[f]
} else := withhold("sharing.category_withheld", tunables.withheld_categories[category(f)]) if {
	tunables.withheld_categories[category(f)]
} else := outcome("share", "own_record", null, "sharing.own_record", "The attendee's organisation is the controller of this record.") if {
	own_record(att)
} else := withhold("sharing.do_not_disclose", refused_reason) if {
	# The originating agency marked the field never to leave it (a survivor's refuge, a new
	# name): honoured for every role, emergencies included. The reason is the words a reader
	# sees for a field held back by a refusal, so a reader cannot tell the mark from a refusal.
	# A date of birth marked so also keeps back the age worked out from it, and the other way.
	marked_do_not_disclose(f)
} else := withhold("sharing.not_requested", "Not part of the approved request: only the fields the request named are released.") if {
	# A request outside a meeting releases only the fields it named (ICO data sharing code:
	# data minimisation; DPA 2018 Sch 2 para 2 disclosures are case by case).
	is_array(input.meeting.requested_fields)
	not f in input.meeting.requested_fields
} else := emergency_outcome(f) if {
	emergency_for(att)
	category(f) in tunables.emergency.categories
} else := withhold("sharing.no_case_role", sprintf("A %s has no case role at this meeting: trends only.", [role_label(att)])) if {
	not role_needs(att)
} else := withhold("sharing.not_needed", sprintf("%s is not needed by a %s for a %s meeting.", [label(f), role_label(att), purpose_label])) if {
	not needs_category(att, category(f))
} else := withhold("sharing.under_18", under_18_reason(att, f)) if {
	# Working Together to Safeguard Children 2023: the local authority, the police and health
	# are the statutory safeguarding partners; others get a child's details only as needed.
	under_18
	child_protected(att, f)
} else := withhold("sharing.age_unknown", sprintf("The person's age is not known, so %s is shared only with safeguarding partners, as for a child, not a %s.", [lower(label(f)), role_label(att)])) if {
	# An age the record does not give (or gives unreadably) gets a child's protections, and
	# only those: it does not make the case a safeguarding concern (see case_purposes).
	age_unknown
	child_protected(att, f)
} else := without_agreement_outcome(att, f) if {
	refused
	count(override_risks(att, f)) > 0
} else := withhold("sharing.refused", refused_reason) if {
	refused
} else := unrefused_decision(att, f)

# What the attendee sees of a field where the person has not refused (or a recorded risk
# overrides a refusal): the basis, the agreement between the organisations, the identity
# rules, the special categories, then how much of the field the role needs.
unrefused_decision(att, f) := withhold("sharing.no_basis", sprintf("No Art 6 lawful basis for a %s controller to share with a %s.", [controller.type, role_label(att)])) if {
	not basis(att, f)
} else := withhold("sharing.no_agreement", sprintf("No data sharing agreement in force covers %s for this purpose with the attendee's organisation.", [label(f)])) if {
	not dsa_covers(att, f)
} else := identity_outcome(att, f) if {
	identity_restricted(att)
	tunables.pseudonymised_view[f]
} else := withhold("sharing.no_art9_condition", sprintf("%s is special category data and no Art 9 condition applies for a %s.", [label(f), role_label(att)])) if {
	catalogue.fields[f].special == "art9"
	not tunables.art9_conditions[att.role]
} else := withhold("sharing.no_art10_condition", sprintf("%s is criminal offence data and no Art 10 condition applies for a %s.", [label(f), role_label(att)])) if {
	catalogue.fields[f].special == "art10"
	not tunables.art10_conditions[purpose][att.role]
} else := note_decision(att, f) if {
	category(f) == "free_text"
} else := flags_decision(att, basis(att, f), "sharing.risk_flags", sprintf("Risk flags worded for a %s, from the DPO's vocabulary.", [role_label(att)])) if {
	catalogue.fields[f].special == "per_flag"
} else := withhold("sharing.minimised", sprintf("%s is more than a %s needs; minimised out.", [label(f), role_label(att)])) if {
	transform(att, f) == "withhold"
} else := with_generalisation(transformed(att, f, "pseudonymise", "sharing.pseudonymised", "Pseudonymised: the attendee needs the case, not the person's identity."), "pseudonym") if {
	transform(att, f) == "pseudonym"
} else := with_generalisation(transformed(att, f, "generalise", "sharing.generalised", sprintf("Generalised (%s): the detail is more than a %s needs.", [transform(att, f), role_label(att)])), transform(att, f)) if {
	transform(att, f)
} else := outcome("share", basis(att, f), condition(att, f), "sharing.needed", sprintf("A %s needs %s for a %s meeting.", [role_label(att), lower(label(f)), purpose_label]))

# A role needs a category for the meeting's purpose; staff-safety flags also reach the roles
# that visit people where they sleep or live.
needs_category(att, c) if c in role_needs(att)

needs_category(att, "risk") if att.role in object.get(tunables.staff_safety_roles, purpose, [])

# --- Agreement: not asked, agreed, refused, withdrawn -----------------------

# People "want to be asked before sharing takes place" (the webinar's research): agreement is
# recorded with how, when, by whom and its scope, and honoured field by field.
agreement := object.get(input.case, "agreement", {"state": "not_asked"})

agreement_state := object.get(agreement, "state", "not_asked")

refused if agreement_state in {"refused", "withdrawn"}

# An objection (UK GDPR Art 21) recorded by a DPO is honoured as a refusal.
refused if input.case.objection == true

agreement_given(att, f) if {
	agreement_state == "agreed"
	not agreement_expired
	some p in agreement.purposes
	p in all_purposes
	att.organisation.id in agreement.organisations
	field_in_scope(f)
}

agreement_expired if agreement.until < input.meeting.date

field_in_scope(_) if count(object.get(agreement, "fields", [])) == 0

field_in_scope(f) if f in agreement.fields

# Where the DPO says agreement is needed (a referral under the duty to refer, HRA 2017 s213B;
# named details to a non-support agency in a routine case) and it is not given, the role gets
# the case under a pseudonym; the checklist asks the case worker to seek agreement.
agreement_needed(att) if {
	some p in all_purposes
	att.role in object.get(tunables.agreement_needed, p, [])
}

identity_rule(att) := ["sharing.refused", sprintf("Shown under a pseudonym: the person's identity is not shared with a %s without their agreement.", [role_label(att)])] if {
	# Reached only where a recorded risk overrides a refusal: nobody is told to seek the
	# agreement of a person who refused (the checklist would ask the case worker to).
	refused
	agreement_needed(att)
	not agreement_given(att, "name")
} else := ["sharing.agreement_not_given", sprintf("Shown under a pseudonym: the person's agreement to share their identity with a %s has not been given; seek it unless unsafe.", [role_label(att)])] if {
	agreement_needed(att)
	not agreement_given(att, "name")
} else := ["sharing.no_case_purpose", sprintf("Shown under a pseudonym: no purpose on the agenda for this case needs a %s to know who the person is.", [role_label(att)])] if {
	# ICO data sharing code and law-enforcement guidance: sharing with the police serves a
	# specific, stated purpose; "caution when sharing data with non-support agencies" (seed).
	purposes_for_role := tunables.named_details_purposes[att.role]
	count({p | some p in case_purposes; p in purposes_for_role}) == 0
	not agreement_given(att, "name")
}

identity_restricted(att) if identity_rule(att)

identity_outcome(att, f) := withhold(identity_rule(att)[0], identity_rule(att)[1]) if {
	tunables.pseudonymised_view[f] == "withhold"
} else := with_generalisation(outcome("pseudonymise", basis(att, f), null, identity_rule(att)[0], identity_rule(att)[1]), "pseudonym") if {
	tunables.pseudonymised_view[f] == "pseudonym"
} else := with_generalisation(outcome("generalise", basis(att, f), null, identity_rule(att)[0], identity_rule(att)[1]), tunables.pseudonymised_view[f])

# --- Sharing without agreement: only what a recorded risk needs --------------

# Risks recorded on the case: from its risk flags, and a safeguarding concern set on the agenda
# (for a child, risk of significant harm: Children Act 1989 s47; for an adult, Care Act 2014 s42).
recorded_risks := {tunables.risk_flags[code].justifies |
	some code in object.get(input.case, "risk_flags", [])
	tunables.risk_flags[code].justifies
} | concern_risks

# Only a concern set on the agenda counts here: being a child is a reason to tell the statutory
# partners, not by itself a reason to override the child's refusal.
concern_risks := {"significant_harm_to_child"} if {
	under_18
	"safeguarding_concern" in object.get(input.case, "purposes", [])
} else := {"concern_age_unknown"} if {
	age_unknown
	"safeguarding_concern" in object.get(input.case, "purposes", [])
} else := {"adult_at_risk"} if {
	"safeguarding_concern" in object.get(input.case, "purposes", [])
} else := set()

# What a recorded risk lets through a refusal, and to whom (data.json). A concern for a person
# whose age the record does not give lets through only what both a child's and an adult's would,
# to those who act on both: neither rule's wider reach is taken on a guess at the age.
risk_setting(r) := tunables.without_agreement[r] if {
	r != "concern_age_unknown"
} else := object.union(adult, {
	"label": "safeguarding concern",
	"roles": [role | some role in child.roles; role in adult.roles],
	"categories": [c | some c in child.categories; c in adult.categories],
}) if {
	child := tunables.without_agreement.significant_harm_to_child
	adult := tunables.without_agreement.adult_at_risk
}

override_risks_for_role(att) := {r | some r in recorded_risks; att.role in risk_setting(r).roles}

override_risks(att, f) := {r | some r in override_risks_for_role(att); category(f) in risk_setting(r).categories}

# A recorded risk overrides a refusal only for the fields that risk needs, and never gives the
# attendee more than they would see had the person not been asked: the same pseudonym, the same
# generalisation, notes with the same details taken out, the same data sharing agreement. What
# changes is the basis (the risk's), the Art 9 / Art 10 condition where the risk supplies one,
# and a review by the DPO. A field the attendee would not see anyway stays withheld as it is.
without_agreement_outcome(att, f) := shared_for_risk(f, risk, unrefused_decision(att, f)) if {
	risk := sort(override_risks(att, f))[0]
}

shared_for_risk(f, risk, unrefused) := unrefused if {
	unrefused.action == "withhold"
} else := object.union(unrefused, {
	"basis": basis_text(risk_setting(risk).basis),
	"condition": risk_or_field_condition(f, risk_setting(risk), unrefused),
	"rule": "sharing.shared_without_agreement",
	"reason": risk_reason(risk, unrefused),
	"review_due": true,
})

# Why the field is shared without agreement, and (for a pseudonym, a generalisation or notes with
# details taken out) why it is shown as it is.
risk_reason(risk, unrefused) := without_agreement_reason(risk) if {
	unrefused.action == "share"
} else := concat(" ", [without_agreement_reason(risk), unrefused.reason])

risk_or_field_condition(f, risk_setting, unrefused) := risk_condition(f, risk_setting) if {
	risk_condition(f, risk_setting) != null
} else := unrefused.condition

risk_condition(f, risk_setting) := risk_setting.art9_condition if {
	catalogue.fields[f].special == "art9"
} else := risk_setting.art10_condition if {
	catalogue.fields[f].special == "art10"
} else := null

without_agreement_reason(risk) := sprintf("Shared without the person's agreement because of a recorded %s: only what that risk needs, only to those who act on it. Queued for DPO review.", [risk_setting(risk).label])

# --- Free text: shared with what each role may not see taken out ------------------

# Each entity type the redaction engine finds gets an operator: keep, redact, remove, pseudonymise,
# mask or generalise. Third parties' names are never kept; health and criminal details are kept
# only where the role has the Art 9 / Art 10 condition, and otherwise become a neutral
# "[removed]", so the reader does not learn what kind of thing was there; the subject is named
# only if the role may see the name field. The sensitivity tells the engine how eagerly to redact
# for this reader: more for roles outside support work.
note_decision(att, _) := object.union(
	outcome("redact", basis(att, "notes"), null, "sharing.notes_redacted", sprintf("Case notes with personal details removed as set for a %s.", [role_label(att)])),
	{"entities": note_entities(att), "sensitivity": object.get(tunables.note_sensitivity, att.role, "standard")},
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

entity_operator(att, type, op) := op if {
	type in {"HEALTH", "SEXUALITY", "NRP"}
	tunables.art9_conditions[att.role]
} else := "remove" if {
	type in {"HEALTH", "SEXUALITY", "NRP"}
}

entity_operator(att, "CRIMINAL", op) := op if {
	tunables.art10_conditions[purpose][att.role]
} else := "remove"

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

transformed(att, f, action, rule, reason) := outcome(action, basis(att, f), condition(att, f), rule, reason)

with_generalisation(o, how) := object.union(o, {"generalisation": how})

# --- Risk flags: a controlled vocabulary, worded per role ---------------------

# Each flag has a category (risk to others, to self, from others, to staff), its Art 9 / Art 10
# status and the words each role sees. A role sees a flag only where it needs that kind of risk
# and has the condition the flag needs. Whether or not a person has flags the role may not see,
# the field reads the same: the wording of the flags the role may see, or none.
flags_decision(att, basis_name, rule, reason) := object.union(
	outcome("generalise", basis_name, flag_conditions(att), rule, reason),
	{"generalisation": "risk_wording", "wording": visible_wording(att)},
)

case_flags := sort(object.get(input.case, "risk_flags", []))

visible_wording(att) := [flag_wording(att, code) | some code in case_flags; flag_visible(att, code)]

flag_wording(att, code) := object.get(tunables.risk_flags[code].wording, att.role, tunables.risk_flags[code].wording["default"])

flag_visible(att, code) if {
	flag := tunables.risk_flags[code]
	flag_category_open(att, flag.category)
	flag_condition(att, flag)
}

flag_category_open(att, _) if "risk" in role_needs(att)

flag_category_open(att, "risk_to_staff") if att.role in object.get(tunables.staff_safety_roles, purpose, [])

flag_condition(_, flag) := null if object.get(flag, "special", null) == null

flag_condition(att, flag) := tunables.art9_conditions[att.role] if flag.special == "art9"

flag_condition(att, flag) := tunables.art10_conditions[purpose][att.role] if flag.special == "art10"

flag_conditions(att) := concat("; ", conditions) if {
	conditions := {c |
		some code in case_flags
		flag_visible(att, code)
		c := flag_condition(att, tunables.risk_flags[code])
		c != null
	}
	count(conditions) > 0
} else := null

# --- Emergencies: vital interests -------------------------------------------

# A named person has asked, with a reason, to release what is needed to protect life now, to
# the attendees who will respond. The gateway records who and why; the decision records that a
# retrospective justification is due (UK GDPR Art 6(1)(d), Art 9(2)(c); DPA 2018 Sch 1 para 30).
emergency_for(att) if {
	input.emergency.id
	att.id in object.get(input.emergency, "responders", [])
	att.role in tunables.emergency.roles
}

emergency_outcome(f) := object.union(
	outcome(
		"share", "vital_interests", emergency_condition(f), "sharing.emergency_vital_interests",
		sprintf("Emergency share %s to protect life, released to those responding; a retrospective justification is due to the DPO.", [input.emergency.id]),
	),
	{"emergency": true, "review_due": true},
)

emergency_condition(f) := tunables.emergency.art9_condition if {
	catalogue.fields[f].special == "art9"
} else := tunables.emergency.art10_condition if {
	catalogue.fields[f].special in {"art10", "per_flag"}
} else := null

# --- Art 6 basis ------------------------------------------------------------

# The person's agreement, where recorded for this organisation, purpose and field, in date; then
# a recognised legitimate interest (DUAA 2025) where the partnership has switched it on for the
# purpose; then the controller's own basis.
basis(att, f) := "consent" if {
	agreement_given(att, f)
} else := tunables.basis_by_purpose[purpose] if {
	tunables.basis_by_purpose[purpose]
} else := "recognised_legitimate_interest" if {
	tunables.recognised_legitimate_interests.enabled == true
	purpose in tunables.recognised_legitimate_interests.purposes
} else := tunables.basis_by_controller_type[controller.type]

# --- Art 9 / Art 10 conditions ------------------------------------------------

condition(att, f) := tunables.art9_conditions[att.role] if {
	catalogue.fields[f].special == "art9"
} else := tunables.art10_conditions[purpose][att.role] if {
	catalogue.fields[f].special == "art10"
} else := null

# --- Data sharing agreements ------------------------------------------------

dsa_covers(_, _) if purpose in tunables.one_off_purposes

dsa_covers(att, f) if {
	some dsa in input.agreements
	controller.id in dsa.parties
	att.organisation.id in dsa.parties
	purpose in dsa.purposes
	category(f) in dsa.categories
	dsa.review_date >= input.meeting.date
}

# --- Helpers -------------------------------------------------------------------

under_18 if input.case.subject_under_18 == true

# The record gives no age the gateway can read: a child's protections apply, not a child's wider
# sharing (case_purposes), and a concern on the agenda lets through a refusal only what a child's
# and an adult's concern both would (risk_setting).
age_unknown if {
	not under_18
	input.case.subject_age_unknown == true
}

child_protected(att, f) if {
	category(f) in tunables.under_18.protected_categories
	not att.role in tunables.under_18.safeguarding_roles
}

# Why a child's field is held back. Where the agency marked the date of birth (or the age) never
# to leave it, the reason does not say the person is a child either: the rule in the log does.
under_18_reason(att, f) := sprintf("For this person, %s is shared only with safeguarding partners, not a %s.", [lower(label(f)), role_label(att)]) if {
	marked_do_not_disclose("age")
} else := sprintf("The person is under 18: %s is shared only with safeguarding partners, not a %s.", [lower(label(f)), role_label(att)])

# One wording for a field held back by a refusal or by the originating agency's mark.
refused_reason := "Not shared with your role for this case."

marked_do_not_disclose(f) if f in object.get(input.case, "do_not_disclose", [])

marked_do_not_disclose("age") if "date_of_birth" in object.get(input.case, "do_not_disclose", [])

marked_do_not_disclose("date_of_birth") if "age" in object.get(input.case, "do_not_disclose", [])

# The purposes set on the agenda for this case; a child on the agenda is always a safeguarding
# concern for the statutory partners (Working Together 2023).
case_purposes := {p | some p in object.get(input.case, "purposes", [])} | {"safeguarding_concern" | under_18}

all_purposes := {purpose} | case_purposes

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
