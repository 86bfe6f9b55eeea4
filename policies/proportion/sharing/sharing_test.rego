package proportion.sharing_test

import data.proportion.sharing

# Test names read: the role, the meeting purpose, the agreement state, then what happens.
# Each test cites the guidance its rule follows.

# --- Fixtures ----------------------------------------------------------------

# Case study 1: a woman sleeping rough, known to the outreach charity, discussed at a rough
# sleeping multi-agency meeting; the outreach team has raised a safeguarding concern (her
# ex-partner took her phone and she is scared of him).
rough_sleeping_meeting := {"id": "mam", "type": "rough_sleeping_mam", "purpose": "rough_sleeping_response", "date": "2026-12-08"}

outreach := {"id": "outreach", "type": "charity"}

woman := {
	"ref": "outreach:OR-1001",
	"controller": outreach,
	"fields": ["name", "aliases", "date_of_birth", "age", "gender", "nationality", "sleep_site", "support_needs", "health_conditions", "notes"],
	"purposes": ["safeguarding_concern"],
}

routine := object.union(woman, {"purposes": []})

police := {"id": "att-police", "role": "police_officer", "organisation": {"id": "police", "type": "police"}}

health := {"id": "att-health", "role": "health_practitioner", "organisation": {"id": "health", "type": "nhs"}}

housing := {"id": "att-housing", "role": "housing_options_officer", "organisation": {"id": "housing-options", "type": "local_authority"}}

coordinator := {"id": "att-rsc", "role": "rough_sleeping_coordinator", "organisation": {"id": "housing-options", "type": "local_authority"}}

outreach_worker := {"id": "att-outreach", "role": "outreach_worker", "organisation": outreach}

observer := {"id": "att-observer", "role": "observer", "organisation": {"id": "university", "type": "observer"}}

rs_hostel := {"id": "att-rs-hostel", "role": "hostel_manager", "organisation": {"id": "hostel", "type": "hostel_provider"}}

childrens_services := {"id": "att-csc", "role": "childrens_services_social_worker", "organisation": {"id": "housing-options", "type": "local_authority"}}

all_categories := ["identifier", "demographic", "nationality", "contact", "location", "housing_status", "support_needs", "health", "criminal_offence", "risk", "free_text"]

partnership_dsa := {
	"id": "dsa-rs",
	"parties": ["outreach", "police", "health", "housing-options", "day-centre", "hostel"],
	"purposes": ["rough_sleeping_response", "placement_panel", "marac"],
	"categories": all_categories,
	"review_date": "2027-06-30",
}

case1_input := {
	"meeting": rough_sleeping_meeting,
	"case": woman,
	"attendees": [police, health, housing, coordinator, outreach_worker, observer, rs_hostel, childrens_services],
	"agreements": [partnership_dsa],
}

case1 := d if {
	d := sharing.decision with input as case1_input
}

fields_of(att) := case1.attendees[att.id].fields

decide(case) := d if {
	d := sharing.decision with input as object.union(case1_input, {"case": case})
}

# Case study 2: a day centre client with a conviction for sexual assault, discussed at a
# casework panel that may place him in a mixed-gender hostel. He agreed to the panel.
panel := {"id": "panel", "type": "casework_panel", "purpose": "placement_panel", "date": "2026-12-10"}

day_centre := {"id": "day-centre", "type": "charity"}

client := {
	"ref": "day-centre:DC-2001",
	"controller": day_centre,
	"fields": ["name", "age", "support_needs", "offences", "risk_flags"],
	"risk_flags": ["risk_to_women"],
	"agreement": {"state": "agreed", "purposes": ["placement_panel"], "organisations": ["housing-options", "hostel"]},
}

hostel := {"id": "att-hostel", "role": "hostel_manager", "organisation": {"id": "hostel", "type": "hostel_provider"}}

panel_housing := {"id": "att-panel-housing", "role": "housing_options_officer", "organisation": {"id": "housing-options", "type": "local_authority"}}

case2_input := {"meeting": panel, "case": client, "attendees": [hostel, panel_housing], "agreements": [partnership_dsa]}

case2 := d if {
	d := sharing.decision with input as case2_input
}

decide2(case) := d if {
	d := sharing.decision with input as object.union(case2_input, {"case": case})
}

# --- Case study 1 ------------------------------------------------------------------

# Police get her name for the safeguarding concern on the agenda, her age as a band, the area not
# the sleep site (ICO data sharing code: a specific, stated purpose; data minimisation).
test_police_officer_rough_sleeping_not_asked_safeguarding_concern_sees_name_age_band_and_area if {
	fields_of(police).name.action == "share"
	fields_of(police).name.basis == "UK GDPR Art 6(1)(f) legitimate interests"
	fields_of(police).age.action == "generalise"
	fields_of(police).age.generalisation == "age_band"
	fields_of(police).sleep_site.generalisation == "area"
	fields_of(police).date_of_birth.generalisation == "year_of_birth"
}

# "Caution when sharing data with non-support agencies" (seed research): nationality, support
# needs and health are not for the police at a rough sleeping meeting.
test_police_officer_rough_sleeping_not_asked_may_not_see_nationality_or_support_needs if {
	fields_of(police).nationality.action == "withhold"
	fields_of(police).nationality.rule == "sharing.not_needed"
	fields_of(police).support_needs.action == "withhold"
	fields_of(police).health_conditions.action == "withhold"
}

# ICO law-enforcement guidance: a routine case with no purpose that needs the police to know who
# the person is goes to them under a pseudonym, with the area only.
test_police_officer_rough_sleeping_not_asked_routine_case_gets_a_pseudonym if {
	d := decide(routine)
	name := d.attendees[police.id].fields.name
	name.action == "pseudonymise"
	name.generalisation == "pseudonym"
	name.rule == "sharing.no_case_purpose"
	d.attendees[police.id].fields.date_of_birth.action == "withhold"
	d.attendees[police.id].fields.sleep_site.generalisation == "area"
	d.attendees[police.id].fields.notes.entities.SUBJECT == "pseudonymise"
}

# The same routine case with her agreement to the police knowing: named, on consent (Art 6(1)(a)).
test_police_officer_rough_sleeping_agreed_routine_case_sees_name_on_consent if {
	agreed := object.union(routine, {"agreement": {"state": "agreed", "how": "verbal", "purposes": ["rough_sleeping_response"], "organisations": ["police"]}})
	d := decide(agreed)
	d.attendees[police.id].fields.name.action == "share"
	d.attendees[police.id].fields.name.basis == "UK GDPR Art 6(1)(a) consent"
}

# Agreement past its end date is no agreement: back to the pseudonym.
test_police_officer_rough_sleeping_agreement_expired_routine_case_gets_a_pseudonym if {
	expired := object.union(routine, {"agreement": {"state": "agreed", "purposes": ["rough_sleeping_response"], "organisations": ["police"], "until": "2026-12-01"}})
	decide(expired).attendees[police.id].fields.name.action == "pseudonymise"
}

# Agreement scoped to some fields covers only those fields.
test_police_officer_rough_sleeping_agreed_for_other_fields_routine_case_gets_a_pseudonym if {
	scoped := object.union(routine, {"agreement": {"state": "agreed", "purposes": ["rough_sleeping_response"], "organisations": ["police"], "fields": ["age"]}})
	decide(scoped).attendees[police.id].fields.name.action == "pseudonymise"
}

# Health may see support needs and health, each with an Art 9 condition (9(2)(h), Sch 1 para 2).
test_health_practitioner_rough_sleeping_not_asked_sees_support_needs_with_art9_condition if {
	fields_of(health).support_needs.action == "share"
	contains(fields_of(health).support_needs.condition, "Sch 1 para 2")
	fields_of(health).health_conditions.action == "share"
	fields_of(health).nationality.action == "withhold"
}

# Housing options may see nationality (eligibility) and support needs under Sch 1 para 6.
test_housing_options_officer_rough_sleeping_not_asked_sees_nationality_and_support_needs if {
	fields_of(housing).nationality.action == "share"
	contains(fields_of(housing).support_needs.condition, "Sch 1 para 6")
	fields_of(housing).health_conditions.action == "withhold"
}

# The coordinator tracks the case under a pseudonym (data minimisation).
test_rough_sleeping_coordinator_rough_sleeping_not_asked_sees_a_pseudonym if {
	fields_of(coordinator).name.action == "pseudonymise"
	fields_of(coordinator).date_of_birth.action == "withhold"
	fields_of(coordinator).date_of_birth.rule == "sharing.minimised"
	fields_of(coordinator).notes.entities.SUBJECT == "pseudonymise"
	fields_of(coordinator).notes.entities.SUBJECT_ALIAS == "pseudonymise"
}

# The controller's own worker sees the record as it is, notes included (no disclosure).
test_outreach_worker_rough_sleeping_own_record_sees_everything if {
	fields_of(outreach_worker).nationality.action == "share"
	fields_of(outreach_worker).nationality.rule == "sharing.own_record"
	fields_of(outreach_worker).notes.action == "share"
	case1.attendees[outreach_worker.id].case.action == "share"
}

# An observer gets trends only (ICO code: share no more than the purpose needs).
test_observer_rough_sleeping_not_asked_gets_trends_only if {
	fields_of(observer).notes.action == "withhold"
	case1.attendees[observer.id].case.rule == "sharing.no_case_role"
}

# An attendee in a role the catalogue does not know gets nothing, and the reason says so.
test_unknown_role_rough_sleeping_not_asked_gets_nothing if {
	stranger := {"id": "att-x", "role": "journalist", "organisation": {"id": "police", "type": "police"}}
	d := sharing.decision with input as object.union(case1_input, {"attendees": [stranger]})
	d.attendees["att-x"].fields.name.action == "withhold"
	contains(d.attendees["att-x"].case.reason, "unknown role")
}

# --- No leak by absence ------------------------------------------------------------

# Every catalogue field is decided for every case, whatever the record holds, and decided the
# same way: the shape of a view never tells the reader what a record holds.
test_police_officer_rough_sleeping_not_asked_gets_every_catalogue_field_whatever_the_record_holds if {
	empty := decide(object.union(woman, {"fields": []}))
	full := decide(object.union(woman, {"fields": ["name", "health_conditions", "offences", "risk_flags"]}))
	count(empty.attendees[police.id].fields) == count(data.proportion.catalogue.field_order)
	every f in data.proportion.catalogue.field_order {
		empty.attendees[police.id].fields[f] == full.attendees[police.id].fields[f]
	}
}

# A note marker for a category the reader has no Art 9/10 condition for is a neutral
# "[removed]", so "about his [CRIMINAL]" never tells the reader what kind of thing went.
test_police_officer_rough_sleeping_not_asked_reads_neutral_markers_in_notes if {
	notes := fields_of(police).notes
	notes.action == "redact"
	notes.entities.HEALTH == "remove"
	notes.entities.NRP == "remove"
	notes.entities.CRIMINAL == "remove"
	notes.entities.SEXUALITY == "remove"
	notes.entities.PERSON == "redact"
	notes.entities.SUBJECT == "keep"
	notes.entities.SUBJECT_ALIAS == "redact"
	notes.sensitivity == "high"
}

# A risk field reads the same for a role whether or not the person has flags it may not see.
test_outreach_worker_rough_sleeping_not_asked_reads_the_same_risk_field_with_or_without_an_offence_flag if {
	other := object.union(routine, {"controller": day_centre})
	flagged := decide(object.union(other, {"risk_flags": ["risk_to_women"]}))
	unflagged := decide(other)
	flagged.attendees[outreach_worker.id].fields.risk_flags == unflagged.attendees[outreach_worker.id].fields.risk_flags
	flagged.attendees[outreach_worker.id].fields.risk_flags.wording == []
}

# Health reads health details in notes under its Art 9 condition, with precision kept.
test_health_practitioner_rough_sleeping_not_asked_reads_health_details_in_notes if {
	fields_of(health).notes.entities.HEALTH == "keep"
	fields_of(health).notes.entities.CRIMINAL == "remove"
	fields_of(health).notes.entities.SUBJECT_ALIAS == "keep"
	fields_of(health).notes.sensitivity == "precise"
}

# A third party's name is never kept, whatever the tunables say.
test_police_officer_rough_sleeping_not_asked_never_reads_third_party_names if {
	d := sharing.decision with input as case1_input
		with data.proportion.sharing.settings.note_entities.by_role.police_officer as {"PERSON": "keep"}
	d.attendees[police.id].fields.notes.entities.PERSON == "redact"
}

# --- Agreement ---------------------------------------------------------------------

# Duty to refer (Housing Act 1996 s213B): a referral needs the person's agreement. Not yet asked:
# the housing officer gets the case under a pseudonym and the checklist asks for agreement.
test_housing_options_officer_duty_to_refer_not_asked_gets_a_pseudonym if {
	d := decide(object.union(routine, {"purposes": ["duty_to_refer"]}))
	d.attendees[housing.id].fields.name.action == "pseudonymise"
	d.attendees[housing.id].fields.name.rule == "sharing.agreement_not_given"
	d.attendees[housing.id].fields.date_of_birth.rule == "sharing.agreement_not_given"
	d.attendees[housing.id].fields.sleep_site.generalisation == "area"
}

# A person who refused a referral, with an arson risk recorded: the housing officer acts on the
# risk under a pseudonym, and nobody is told to seek the agreement the person refused.
test_housing_options_officer_duty_to_refer_refused_with_a_risk_is_not_told_to_seek_agreement if {
	d := decide(object.union(routine, {"purposes": ["duty_to_refer"], "agreement": {"state": "refused"}, "risk_flags": ["arson_risk"]}))
	fields := d.attendees[housing.id].fields
	fields.name.action == "pseudonymise"
	fields.name.rule == "sharing.shared_without_agreement"
	fields.date_of_birth.action == "withhold"
	fields.date_of_birth.rule == "sharing.refused"
	every field in fields {
		field.rule != "sharing.agreement_not_given"
		not contains(field.reason, "seek it")
	}
	asked := decide(object.union(routine, {"purposes": ["duty_to_refer"], "risk_flags": ["arson_risk"]}))
	asked.attendees[housing.id].fields.date_of_birth.rule == "sharing.agreement_not_given"
}

test_housing_options_officer_duty_to_refer_agreed_sees_name_on_consent if {
	agreed := {"state": "agreed", "how": "verbal", "recorded_by": "outreach worker", "purposes": ["duty_to_refer"], "organisations": ["housing-options"]}
	d := decide(object.union(routine, {"purposes": ["duty_to_refer"], "agreement": agreed}))
	d.attendees[housing.id].fields.name.action == "share"
	d.attendees[housing.id].fields.name.basis == "UK GDPR Art 6(1)(a) consent"
}

# A refusal is honoured (HM Government information sharing advice 2024) where no risk is recorded.
test_police_officer_rough_sleeping_refused_routine_case_gets_nothing if {
	d := decide(object.union(routine, {"agreement": {"state": "refused"}}))
	d.attendees[police.id].case.rule == "sharing.refused"
	d.attendees[health.id].fields.health_conditions.rule == "sharing.refused"
	d.attendees[health.id].case.reason == "Not shared with your role for this case."
}

# An objection (UK GDPR Art 21) recorded by a DPO is honoured as a refusal.
test_hostel_manager_placement_panel_objected_without_recorded_risk_gets_nothing if {
	d := decide2(object.union(client, {"objection": true, "risk_flags": []}))
	d.attendees[hostel.id].case.rule == "sharing.refused"
	d.attendees[hostel.id].fields.name.rule == "sharing.refused"
}

# A refusal gives way to a recorded risk to others: only what the risk needs, only to those who
# act on it, queued for DPO review (information sharing advice 2024: share without consent where
# there is a risk of serious harm). His support needs stay withheld.
test_hostel_manager_placement_panel_withdrawn_with_risk_to_others_gets_only_what_the_risk_needs if {
	d := decide2(object.union(client, {"agreement": {"state": "withdrawn", "purposes": ["placement_panel"], "organisations": ["hostel"]}}))
	d.attendees[hostel.id].fields.name.action == "share"
	d.attendees[hostel.id].fields.name.rule == "sharing.shared_without_agreement"
	d.attendees[hostel.id].fields.name.review_due == true
	d.attendees[hostel.id].fields.risk_flags.wording[0] == "Risk to women: contact {controller}'s safeguarding lead before any placement decision"
	d.attendees[hostel.id].fields.support_needs.rule == "sharing.refused"
	d.attendees[hostel.id].fields.offences.action == "withhold"
}

# Police acting on a risk to others: the area, not the sleep site, and (no purpose on the agenda
# needing who the person is) a pseudonym, as if the person had not been asked.
test_police_officer_rough_sleeping_refused_with_risk_to_others_gets_area_not_site if {
	d := decide(object.union(routine, {"agreement": {"state": "refused"}, "risk_flags": ["arson_risk"]}))
	d.attendees[police.id].case.action == "share"
	d.attendees[police.id].fields.sleep_site.generalisation == "area"
	d.attendees[police.id].fields.sleep_site.review_due == true
	d.attendees[police.id].fields.name.action == "pseudonymise"
	d.attendees[police.id].fields.name.rule == "sharing.shared_without_agreement"
	d.attendees[police.id].fields.aliases.action == "withhold"
	d.attendees[police.id].fields.risk_flags.rule == "sharing.not_needed"
	d.attendees[health.id].case.rule == "sharing.refused"
}

# Saying no never gives an attendee more than not being asked (information sharing advice 2024:
# without agreement, share only what the risk needs): for every role and field, what a refusal
# overridden by a risk shows is at most what the same case shows when the person was not asked.
test_every_role_rough_sleeping_refused_with_a_recorded_risk_sees_no_more_than_if_not_asked if {
	every case in [
		object.union(routine, {"risk_flags": ["arson_risk"]}),
		object.union(routine, {"risk_flags": ["suicide_risk"]}),
		object.union(woman, {"subject_under_18": true}),
		object.union(woman, {"risk_flags": ["arson_risk"]}),
	] {
		not_asked := decide(case)
		refused := decide(object.union(case, {"agreement": {"state": "refused"}}))
		every att in case1_input.attendees {
			every f, field in refused.attendees[att.id].fields {
				openness(field) <= openness(not_asked.attendees[att.id].fields[f])
			}
		}
	}
}

openness(field) := {"withhold": 0, "pseudonymise": 1, "generalise": 2, "redact": 3, "share": 4}[field.action]

# A child's notes shared without agreement because of a safeguarding concern are redacted as
# for any note: third parties' names never reach the police (Working Together 2023: share what
# safeguarding needs; UK GDPR Art 5(1)(c)).
test_police_officer_rough_sleeping_refused_child_with_safeguarding_concern_gets_notes_redacted if {
	d := decide(object.union(woman, {"subject_under_18": true, "objection": true}))
	notes := d.attendees[police.id].fields.notes
	notes.action == "redact"
	notes.rule == "sharing.shared_without_agreement"
	notes.review_due == true
	notes.entities.PERSON == "redact"
	not_asked := decide(object.union(woman, {"subject_under_18": true}))
	notes.entities == not_asked.attendees[police.id].fields.notes.entities
	d.attendees[childrens_services.id].fields.notes.action == "redact"
}

# --- An age the record does not give --------------------------------------------------

# A refusal with a safeguarding concern and no age: only what both a child's and an adult's
# concern would let through, to those who act on both (police and health); not children's
# services' or adult social care's wider reach, nor a child's notes, on a guess at the age.
test_every_role_rough_sleeping_refused_age_unknown_with_concern_gets_only_what_both_concerns_share if {
	d := decide(object.union(woman, {"subject_age_unknown": true, "objection": true}))
	d.attendees[police.id].fields.name.rule == "sharing.shared_without_agreement"
	contains(d.attendees[police.id].fields.name.reason, "recorded safeguarding concern")
	d.attendees[police.id].fields.notes.rule == "sharing.refused"
	d.attendees[health.id].fields.health_conditions.rule == "sharing.shared_without_agreement"
	d.attendees[childrens_services.id].case.rule == "sharing.refused"
}

# An unknown age gets a child's protections, not a child's wider sharing: police are not told
# who the person is in a routine case, and no reader is told the person is under 18.
test_police_officer_rough_sleeping_not_asked_age_unknown_is_not_named if {
	d := decide(object.union(routine, {"subject_age_unknown": true}))
	d.attendees[police.id].fields.name.action == "pseudonymise"
	d.attendees[rs_hostel.id].fields.name.rule == "sharing.age_unknown"
	not contains(d.attendees[rs_hostel.id].fields.name.reason, "under 18")
	known_adult := decide(routine)
	known_adult.attendees[police.id].fields.name.action == "pseudonymise"
	known_child := decide(object.union(routine, {"subject_under_18": true}))
	known_child.attendees[police.id].fields.name.action == "share"
}

# Risk to life: health acts on it under vital interests, Art 9(2)(c).
test_health_practitioner_rough_sleeping_refused_with_suicide_risk_gets_health_on_vital_interests if {
	d := decide(object.union(routine, {"agreement": {"state": "refused"}, "risk_flags": ["suicide_risk"]}))
	h := d.attendees[health.id].fields.health_conditions
	h.action == "share"
	h.basis == "UK GDPR Art 6(1)(d) vital interests"
	h.condition == "UK GDPR Art 9(2)(c) vital interests"
	d.attendees[health.id].fields.nationality.rule == "sharing.not_needed"
}

# --- Children ------------------------------------------------------------------------

# Working Together to Safeguard Children 2023: police are one of the three statutory
# safeguarding partners, so a 16-year-old sleeping rough is shared with them.
test_police_officer_rough_sleeping_not_asked_child_sees_name if {
	d := decide(object.union(routine, {"subject_under_18": true}))
	d.attendees[police.id].fields.name.action == "share"
	d.attendees[childrens_services.id].fields.name.action == "share"
}

# Others get a child's identity only as safeguarding needs: not a hostel at the meeting.
test_hostel_manager_rough_sleeping_not_asked_child_may_not_see_name if {
	d := decide(object.union(routine, {"subject_under_18": true}))
	d.attendees[rs_hostel.id].fields.name.rule == "sharing.under_18"
}

# A child's refusal does not block a share where there is a risk of significant harm (Children
# Act 1989 s47; information sharing advice 2024).
test_childrens_services_social_worker_rough_sleeping_refused_child_with_safeguarding_concern_gets_what_safeguarding_needs if {
	d := decide(object.union(woman, {"subject_under_18": true, "objection": true}))
	name := d.attendees[childrens_services.id].fields.name
	name.action == "share"
	name.rule == "sharing.shared_without_agreement"
	contains(name.reason, "significant harm to a child")
	d.attendees[childrens_services.id].fields.support_needs.rule == "sharing.refused"
}

# Without a recorded concern the child's refusal is honoured.
test_childrens_services_social_worker_rough_sleeping_refused_child_without_concern_gets_nothing if {
	d := decide(object.union(routine, {"subject_under_18": true, "objection": true}))
	d.attendees[childrens_services.id].case.rule == "sharing.refused"
}

# Care Act 2014 s42: a safeguarding concern for an adult lets adult safeguarding act on a refusal.
test_police_officer_rough_sleeping_refused_adult_with_safeguarding_concern_is_queued_for_review if {
	d := decide(object.union(woman, {"agreement": {"state": "refused"}}))
	d.attendees[police.id].fields.name.review_due == true
	contains(d.attendees[police.id].fields.name.reason, "adult at risk")
}

# --- Risk flags -----------------------------------------------------------------------

# Case study 2: the hostel gets the risk worded for it on Sch 1 para 18, never the offence.
test_hostel_manager_placement_panel_agreed_sees_risk_wording_but_not_offence if {
	flag := case2.attendees[hostel.id].fields.risk_flags
	flag.action == "generalise"
	flag.generalisation == "risk_wording"
	flag.wording == ["Risk to women: contact {controller}'s safeguarding lead before any placement decision"]
	contains(flag.condition, "para 18")
	case2.attendees[hostel.id].fields.offences.action == "withhold"
	case2.attendees[panel_housing.id].fields.offences.action == "withhold"
}

# His agreement to the panel is the basis for routine details.
test_hostel_manager_placement_panel_agreed_shares_name_on_consent if {
	case2.attendees[hostel.id].fields.name.basis == "UK GDPR Art 6(1)(a) consent"
}

# Staff-safety flags reach the roles that visit people, even at a rough sleeping meeting.
test_hostel_manager_rough_sleeping_not_asked_sees_staff_safety_flag if {
	d := decide(object.union(routine, {"controller": day_centre, "risk_flags": ["violence_to_staff", "risk_to_women"]}))
	d.attendees[rs_hostel.id].fields.risk_flags.wording == ["Staff safety: visit in pairs and contact {controller} before a visit"]
	d.attendees[outreach_worker.id].fields.risk_flags.wording == ["Staff safety: visit in pairs and contact {controller} before a visit"]
	d.attendees[rs_hostel.id].fields.risk_flags.condition == null
	d.attendees[police.id].fields.risk_flags.rule == "sharing.not_needed"
}

# A suicide risk is health data (Art 9), not criminal offence data: health sees it, on 9(2)(h).
test_health_practitioner_rough_sleeping_not_asked_sees_suicide_risk_as_health_data if {
	d := decide(object.union(routine, {"risk_flags": ["suicide_risk", "risk_to_women"]}))
	flag := d.attendees[health.id].fields.risk_flags
	flag.wording == ["Risk to self: contact {controller} before any contact or decision"]
	contains(flag.condition, "Art 9(2)(h)")
}

# An unknown flag code is not shown as "generalised": the case is refused as input.
test_unknown_risk_flag_is_an_input_error if {
	d := decide(object.union(routine, {"risk_flags": ["convicted_of_arson_2019"]}))
	"a risk flag is not in the policy's vocabulary" in d.input_errors
}

# --- Do not disclose --------------------------------------------------------------------

# A survivor's current address marked by the agency never leaves it, for any role, emergencies
# included; the reason does not reveal the mark (ICO: domestic abuse survivors' addresses).
test_every_role_rough_sleeping_emergency_never_sees_a_do_not_disclose_address if {
	marked := object.union(woman, {"fields": ["address"], "do_not_disclose": ["address"]})
	d := sharing.decision with input as object.union(case1_input, {"case": marked, "emergency": {"id": "E-1", "responders": [police.id, health.id]}})
	every att in [police, health, housing, coordinator, observer] {
		d.attendees[att.id].fields.address.action == "withhold"
		d.attendees[att.id].fields.address.reason == "Not shared with your role for this case."
	}
	d.attendees[outreach_worker.id].fields.address.action == "share"
}

# A date of birth marked by the agency also keeps back the age worked out from it.
test_police_officer_rough_sleeping_not_asked_never_sees_the_age_of_a_do_not_disclose_birth_date if {
	marked := object.union(woman, {"fields": ["name", "date_of_birth", "age"], "do_not_disclose": ["date_of_birth"]})
	d := decide(marked)
	d.attendees[police.id].fields.date_of_birth.action == "withhold"
	d.attendees[police.id].fields.age.action == "withhold"
	d.attendees[police.id].fields.age.reason == "Not shared with your role for this case."
	unmarked := decide(object.union(marked, {"do_not_disclose": []}))
	unmarked.attendees[police.id].fields.age.action != "withhold"
}

# A child's date of birth marked by the agency: the child's protections still apply, but no
# reader is told the person is under 18 (the log's rule still says why).
test_hostel_manager_rough_sleeping_not_asked_is_not_told_a_marked_birth_date_makes_a_child if {
	child := object.union(routine, {"subject_under_18": true})
	marked := decide(object.union(child, {"do_not_disclose": ["date_of_birth"]}))
	name := marked.attendees[rs_hostel.id].fields.name
	name.action == "withhold"
	name.rule == "sharing.under_18"
	not contains(name.reason, "under 18")
	not contains(name.reason, "child")
	every att in [police, health, housing, coordinator, rs_hostel, childrens_services] {
		every field in marked.attendees[att.id].fields {
			not contains(field.reason, "under 18")
		}
	}
	unmarked := decide(child)
	contains(unmarked.attendees[rs_hostel.id].fields.name.reason, "under 18")
}

# --- Emergencies ------------------------------------------------------------------------

# In an emergency, the responding police officer gets her health details at once on vital
# interests, flagged for review (UK GDPR Art 6(1)(d), Art 9(2)(c)).
test_police_officer_rough_sleeping_emergency_responder_sees_health if {
	d := sharing.decision with input as object.union(case1_input, {"emergency": {"id": "E-1", "responders": [police.id]}})
	h := d.attendees[police.id].fields.health_conditions
	h.action == "share"
	h.basis == "UK GDPR Art 6(1)(d) vital interests"
	h.condition == "UK GDPR Art 9(2)(c) vital interests"
	h.review_due == true
	h.rule == "sharing.emergency_vital_interests"
}

# Only those who respond: an attendee the request does not name is decided as usual.
test_housing_options_officer_rough_sleeping_emergency_not_responding_sees_nothing_more if {
	d := sharing.decision with input as object.union(case1_input, {"emergency": {"id": "E-1", "responders": [police.id]}})
	d.attendees[housing.id].fields.health_conditions.rule == "sharing.not_needed"
	d.attendees[observer.id].fields.health_conditions.action == "withhold"
}

# Only what protecting life needs: not nationality, not an observer even if named.
test_observer_rough_sleeping_emergency_named_gets_nothing if {
	d := sharing.decision with input as object.union(case1_input, {"emergency": {"id": "E-1", "responders": [police.id, observer.id]}})
	d.attendees[police.id].fields.nationality.action == "withhold"
	d.attendees[observer.id].fields.health_conditions.action == "withhold"
}

# An emergency needs no agreement in force: life comes first; a risk flag is shared on para 30.
test_health_practitioner_rough_sleeping_emergency_needs_no_agreement if {
	d := sharing.decision with input as object.union(case1_input, {"emergency": {"id": "E-1", "responders": [health.id]}, "agreements": []})
	d.attendees[health.id].fields.health_conditions.action == "share"
	contains(d.attendees[health.id].fields.risk_flags.condition, "para 30")
	d.attendees[health.id].case.rule == "sharing.emergency_vital_interests"
}

# --- Requests outside meetings ------------------------------------------------------------

crime_request := {"id": "req-1", "type": "request", "purpose": "crime_request", "date": "2026-12-08", "requested_fields": ["name", "date_of_birth", "offences"]}

# DPA 2018 Sch 2 para 2: only the fields the approved request named, to the one requester; no
# standing agreement is needed for a one-off disclosure (ICO data sharing code).
test_police_officer_crime_request_not_asked_gets_only_the_requested_fields if {
	d := sharing.decision with input as {"meeting": crime_request, "case": object.union(routine, {"purposes": ["law_enforcement_request"], "fields": ["offences"]}), "attendees": [police], "agreements": []}
	d.attendees[police.id].fields.name.action == "share"
	d.attendees[police.id].fields.date_of_birth.action == "share"
	contains(d.attendees[police.id].fields.offences.condition, "para 10")
	d.attendees[police.id].fields.sleep_site.rule == "sharing.not_requested"
	d.attendees[police.id].fields.health_conditions.rule == "sharing.not_requested"
}

# A public authority's request rests on a recognised legitimate interest (DUAA 2025).
test_housing_options_officer_public_authority_request_not_asked_shares_on_recognised_legitimate_interest if {
	request := object.union(crime_request, {"purpose": "public_authority_request", "requested_fields": ["name", "support_needs"]})
	d := sharing.decision with input as {"meeting": request, "case": routine, "attendees": [housing], "agreements": []}
	contains(d.attendees[housing.id].fields.name.basis, "recognised legitimate interest")
	d.attendees[housing.id].fields.phone.rule == "sharing.not_requested"
}

# --- More roles ---------------------------------------------------------------------------

marac := {"id": "marac", "type": "marac", "purpose": "marac", "date": "2026-12-08"}

idva := {"id": "att-idva", "role": "idva", "organisation": {"id": "health", "type": "nhs"}}

# MARAC: the IDVA reads health and offences under Sch 1 para 18; police offences under para 10.
test_idva_and_police_officer_marac_not_asked_see_offences_under_their_conditions if {
	survivor := object.union(woman, {"purposes": ["risk_to_others"]})
	d := sharing.decision with input as {"meeting": marac, "case": survivor, "attendees": [idva, police], "agreements": [partnership_dsa]}
	contains(d.attendees[idva.id].fields.offences.condition, "para 18")
	contains(d.attendees[idva.id].fields.health_conditions.condition, "para 18")
	contains(d.attendees[police.id].fields.offences.condition, "para 10")
}

# --- Agreements, catalogue and tunables -------------------------------------------------------

# Every share names a lawful basis; every decision names its rule and reason.
test_every_role_rough_sleeping_not_asked_has_a_basis_rule_and_reason_for_every_share if {
	every att in case1_input.attendees {
		every d in fields_of(att) {
			d.rule != ""
			d.reason != ""
			d.purpose == "rough_sleeping_response"
			shared_with_basis_or_withheld(d)
		}
	}
}

shared_with_basis_or_withheld(d) if d.action == "withhold"

shared_with_basis_or_withheld(d) if d.basis != null

# A field the DPO has not classified is withheld.
test_health_practitioner_rough_sleeping_not_asked_unclassified_field_is_withheld if {
	d := decide(object.union(woman, {"fields": ["shoe_size"]}))
	d.attendees[health.id].fields.shoe_size.action == "withhold"
	d.attendees[health.id].fields.shoe_size.rule == "sharing.unclassified_field"
}

# A category the DPO has paused is withheld from everyone but the controller.
test_housing_options_officer_rough_sleeping_not_asked_paused_category_is_withheld if {
	d := sharing.decision with input as case1_input
		with data.proportion.sharing.settings.withheld_categories as {"nationality": "Paused by the DPO pending review."}
	d.attendees[housing.id].fields.nationality.rule == "sharing.category_withheld"
}

# Without a data sharing agreement in force, nothing leaves the controller (ICO data sharing code).
test_health_practitioner_rough_sleeping_not_asked_lapsed_agreement_blocks_the_share if {
	lapsed := object.union(partnership_dsa, {"review_date": "2026-01-01"})
	d := sharing.decision with input as object.union(case1_input, {"agreements": [lapsed]})
	d.attendees[health.id].fields.name.action == "withhold"
	d.attendees[health.id].fields.name.rule == "sharing.no_agreement"
}

# An attendee whose organisation is not party to the agreement gets nothing.
test_police_officer_rough_sleeping_not_asked_organisation_outside_the_agreement_gets_nothing if {
	stranger := {"id": "att-x", "role": "police_officer", "organisation": {"id": "other-force", "type": "police"}}
	d := sharing.decision with input as object.union(case1_input, {"attendees": [stranger]})
	d.attendees["att-x"].fields.name.rule == "sharing.no_agreement"
}

# No Art 6 basis for an unknown controller type.
test_health_practitioner_rough_sleeping_not_asked_no_basis_for_unknown_controller_type if {
	d := decide(object.union(woman, {"controller": {"id": "outreach", "type": "pop_up_group"}}))
	d.attendees[health.id].fields.name.rule == "sharing.no_basis"
}

# Special category data needs an Art 9 condition even where a DPO lists it as needed.
test_police_officer_rough_sleeping_not_asked_needs_art9_condition_for_health if {
	d := sharing.decision with input as case1_input
		with data.proportion.sharing.settings.needs.rough_sleeping_response.police_officer as ["identifier", "health"]
	d.attendees[police.id].fields.health_conditions.rule == "sharing.no_art9_condition"
}

# Criminal offence data needs an Art 10 condition for the role and purpose.
test_mental_health_practitioner_placement_panel_agreed_needs_art10_condition_for_offences if {
	mh := {"id": "att-mh", "role": "mental_health_practitioner", "organisation": {"id": "health", "type": "nhs"}}
	d := sharing.decision with input as object.union(case2_input, {"attendees": [mh]})
		with data.proportion.sharing.settings.needs.placement_panel.mental_health_practitioner as ["identifier", "criminal_offence"]
	d.attendees[mh.id].fields.offences.rule == "sharing.no_art10_condition"
}

# Criminal details in notes need an Art 10 condition: the hostel at the panel has one.
test_hostel_manager_placement_panel_agreed_reads_criminal_details_only_with_art10_condition if {
	d := sharing.decision with input as object.union(case2_input, {"case": object.union(client, {"fields": ["notes"]})})
		with data.proportion.sharing.settings.note_entities.by_role.hostel_manager as {"CRIMINAL": "keep"}
	d.attendees[hostel.id].fields.notes.entities.CRIMINAL == "keep"
}

# With recognised legitimate interests switched on, the panel shares on that basis (DUAA 2025).
test_hostel_manager_placement_panel_not_asked_recognised_legitimate_interest_when_switched_on if {
	d := decide2(object.union(client, {"agreement": {"state": "not_asked"}}))
		with data.proportion.sharing.settings.recognised_legitimate_interests.enabled as true
	contains(d.attendees[hostel.id].fields.name.basis, "recognised legitimate interest")
}

# Incomplete or unknown input is reported, so the gateway withholds the case.
test_incomplete_input_is_reported if {
	d := sharing.decision with input as {"attendees": []}
	"meeting purpose is missing" in d.input_errors
	"case controller is missing" in d.input_errors
	"case fields are missing" in d.input_errors
}

test_unknown_case_purpose_and_agreement_state_are_reported if {
	d := decide(object.union(routine, {"purposes": ["curiosity"], "agreement": {"state": "maybe"}}))
	"case purpose \"curiosity\" is not in the policy's list" in d.input_errors
	"agreement state \"maybe\" is not known" in d.input_errors
}
