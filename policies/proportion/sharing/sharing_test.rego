package proportion.sharing_test

import data.proportion.sharing

# Case study 1: a woman sleeping rough, known to the outreach charity,
# discussed at a rough sleeping multi-agency meeting.
rough_sleeping_meeting := {"id": "mam", "type": "rough_sleeping_mam", "purpose": "rough_sleeping_response", "date": "2026-12-08"}

outreach := {"id": "outreach", "type": "charity"}

woman := {
	"ref": "outreach:OR-1001",
	"controller": outreach,
	"fields": ["name", "aliases", "date_of_birth", "age", "gender", "nationality", "sleep_site", "support_needs", "health_conditions", "notes"],
}

police := {"id": "att-police", "role": "police_officer", "organisation": {"id": "police", "type": "police"}}

health := {"id": "att-health", "role": "health_practitioner", "organisation": {"id": "health", "type": "nhs"}}

housing := {"id": "att-housing", "role": "housing_options_officer", "organisation": {"id": "housing-options", "type": "local_authority"}}

coordinator := {"id": "att-rsc", "role": "rough_sleeping_coordinator", "organisation": {"id": "housing-options", "type": "local_authority"}}

outreach_worker := {"id": "att-outreach", "role": "outreach_worker", "organisation": outreach}

observer := {"id": "att-observer", "role": "observer", "organisation": {"id": "university", "type": "observer"}}

all_categories := ["identifier", "demographic", "nationality", "contact", "location", "housing_status", "support_needs", "health", "risk", "free_text"]

partnership_dsa := {
	"id": "dsa-rs",
	"parties": ["outreach", "police", "health", "housing-options", "day-centre", "hostel"],
	"purposes": ["rough_sleeping_response", "placement_panel"],
	"categories": all_categories,
	"review_date": "2027-06-30",
}

case1_input := {
	"meeting": rough_sleeping_meeting,
	"case": woman,
	"attendees": [police, health, housing, coordinator, outreach_worker, observer],
	"agreements": [partnership_dsa],
}

case1 := d if {
	d := sharing.decision with input as case1_input
}

fields_of(att) := case1.attendees[att.id].fields

# Police get her name but not her nationality or support needs (caution with non-support agencies).
test_police_officer_may_not_see_nationality_or_support_needs if {
	fields_of(police).nationality.action == "withhold"
	fields_of(police).nationality.rule == "sharing.not_needed"
	fields_of(police).support_needs.action == "withhold"
	fields_of(police).health_conditions.action == "withhold"
}

# Police get her name on the charity's legitimate interests, her age as a band, the area not the sleep site.
test_police_officer_may_see_name_age_band_and_area if {
	fields_of(police).name.action == "share"
	fields_of(police).name.basis == "UK GDPR Art 6(1)(f) legitimate interests"
	fields_of(police).age.action == "generalise"
	fields_of(police).age.generalisation == "age_band"
	fields_of(police).sleep_site.generalisation == "area"
	fields_of(police).date_of_birth.generalisation == "year_of_birth"
}

# Health may see support needs and health, each with an Art 9 condition (9(2)(h), Sch 1 para 2).
test_health_practitioner_may_see_support_needs_with_art9_condition if {
	fields_of(health).support_needs.action == "share"
	contains(fields_of(health).support_needs.condition, "Sch 1 para 2")
	fields_of(health).health_conditions.action == "share"
	fields_of(health).nationality.action == "withhold"
}

# Housing options may see nationality (eligibility) and support needs under Sch 1 para 6.
test_housing_options_officer_may_see_nationality_and_support_needs if {
	fields_of(housing).nationality.action == "share"
	contains(fields_of(housing).support_needs.condition, "Sch 1 para 6")
	fields_of(housing).health_conditions.action == "withhold"
}

# The coordinator tracks the case under a pseudonym.
test_rough_sleeping_coordinator_sees_a_pseudonym if {
	fields_of(coordinator).name.action == "pseudonymise"
	fields_of(coordinator).date_of_birth.action == "withhold"
	fields_of(coordinator).date_of_birth.rule == "sharing.minimised"
}

# The controller's own worker sees the record as it is, notes included.
test_outreach_worker_sees_own_record if {
	fields_of(outreach_worker).nationality.action == "share"
	fields_of(outreach_worker).nationality.rule == "sharing.own_record"
	fields_of(outreach_worker).notes.action == "share"
	case1.attendees[outreach_worker.id].case.action == "share"
}

# Police get the notes with health details and third parties' names taken out; her name stays,
# as police may see her name.
test_police_officer_gets_notes_without_health_details if {
	notes := fields_of(police).notes
	notes.action == "redact"
	notes.basis == "UK GDPR Art 6(1)(f) legitimate interests"
	notes.entities.HEALTH == "redact"
	notes.entities.NRP == "redact"
	notes.entities.PERSON == "redact"
	notes.entities.SUBJECT == "keep"
	notes.entities.SUBJECT_ALIAS == "redact"
}

# Health may read health details in the notes under their Art 9 condition.
test_health_practitioner_may_read_health_details_in_notes if {
	fields_of(health).notes.entities.HEALTH == "keep"
	fields_of(health).notes.entities.CRIMINAL == "redact"
}

# The coordinator's notes carry the same pseudonym as the fields.
test_rough_sleeping_coordinator_reads_notes_under_the_pseudonym if {
	fields_of(coordinator).notes.entities.SUBJECT == "pseudonymise"
	fields_of(coordinator).notes.entities.SUBJECT_ALIAS == "pseudonymise"
}

# Health may see her aliases, so her alias stays in the notes too.
test_health_practitioner_reads_her_alias_in_notes if {
	fields_of(health).notes.entities.SUBJECT_ALIAS == "keep"
}

# An observer gets no notes at all.
test_observer_may_not_see_notes if {
	fields_of(observer).notes.action == "withhold"
}

# A third party's name is never kept, whatever the tunables say.
test_third_party_names_are_never_kept if {
	d := sharing.decision with input as case1_input
		with data.proportion.sharing.settings.note_entities.by_role.police_officer as {"PERSON": "keep"}
	d.attendees[police.id].fields.notes.entities.PERSON == "redact"
}

# Criminal details in notes need an Art 10 condition: the hostel at the panel has one.
test_hostel_manager_may_read_criminal_details_only_with_art10_condition if {
	d := sharing.decision with input as object.union(case2_input, {"case": object.union(client, {"fields": ["notes"]})})
		with data.proportion.sharing.settings.note_entities.by_role.hostel_manager as {"CRIMINAL": "keep"}
	d.attendees[hostel.id].fields.notes.entities.CRIMINAL == "keep"
	police_notes := fields_of(police).notes
	police_notes.entities.CRIMINAL == "redact"
}

# Every share names a lawful basis; every decision names its rule and reason.
test_every_share_has_a_basis_rule_and_reason if {
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
test_unclassified_field_is_withheld if {
	d := sharing.decision with input as object.union(case1_input, {"case": object.union(woman, {"fields": ["shoe_size"]})})
	d.attendees[health.id].fields.shoe_size.action == "withhold"
	d.attendees[health.id].fields.shoe_size.rule == "sharing.unclassified_field"
}

# Without a data sharing agreement in force, nothing leaves the controller.
test_lapsed_agreement_blocks_the_share if {
	lapsed := object.union(partnership_dsa, {"review_date": "2026-01-01"})
	d := sharing.decision with input as object.union(case1_input, {"agreements": [lapsed]})
	d.attendees[health.id].fields.name.action == "withhold"
	d.attendees[health.id].fields.name.rule == "sharing.no_agreement"
}

# An attendee whose organisation is not party to the agreement gets nothing.
test_organisation_outside_the_agreement_gets_nothing if {
	stranger := {"id": "att-x", "role": "police_officer", "organisation": {"id": "other-force", "type": "police"}}
	d := sharing.decision with input as object.union(case1_input, {"attendees": [stranger]})
	d.attendees["att-x"].fields.name.rule == "sharing.no_agreement"
}

# Case study 2: a day centre client with a conviction for sexual assault,
# discussed at a casework panel that may place him in a mixed-gender hostel.
panel := {"id": "panel", "type": "casework_panel", "purpose": "placement_panel", "date": "2026-12-10"}

day_centre := {"id": "day-centre", "type": "charity"}

client := {
	"ref": "day-centre:DC-2001",
	"controller": day_centre,
	"fields": ["name", "age", "support_needs", "offences", "risk_flags"],
	"consent": {"purposes": ["placement_panel"], "organisations": ["housing-options", "hostel"], "withdrawn": false},
}

hostel := {"id": "att-hostel", "role": "hostel_manager", "organisation": {"id": "hostel", "type": "hostel_provider"}}

panel_housing := {"id": "att-panel-housing", "role": "housing_options_officer", "organisation": {"id": "housing-options", "type": "local_authority"}}

case2_input := {"meeting": panel, "case": client, "attendees": [hostel, panel_housing], "agreements": [partnership_dsa]}

case2 := d if {
	d := sharing.decision with input as case2_input
}

# The hostel gets a minimal safeguarding flag on Sch 1 para 18, never the offence.
test_hostel_manager_may_see_risk_flag_but_not_offence if {
	flag := case2.attendees[hostel.id].fields.risk_flags
	flag.action == "generalise"
	flag.generalisation == "safeguarding_flag"
	contains(flag.condition, "para 18")
	case2.attendees[hostel.id].fields.offences.action == "withhold"
	case2.attendees[panel_housing.id].fields.offences.action == "withhold"
}

# His consent to the panel is the basis for routine details.
test_panel_shares_name_on_consent if {
	case2.attendees[hostel.id].fields.name.basis == "UK GDPR Art 6(1)(a) consent"
}

# After he withdraws consent only the safeguarding flag is still shared.
test_withdrawn_consent_leaves_only_safeguarding if {
	withdrawn := object.union(client, {"consent": object.union(client.consent, {"withdrawn": true})})
	d := sharing.decision with input as object.union(case2_input, {"case": withdrawn})
	d.attendees[hostel.id].fields.name.rule == "sharing.consent_withdrawn"
	d.attendees[hostel.id].fields.risk_flags.action == "generalise"
	d.attendees[hostel.id].fields.risk_flags.basis == "UK GDPR Art 6(1)(f) legitimate interests"
}

# Criminal offence data without an Art 10 condition for the role and purpose is withheld.
test_outreach_worker_may_not_see_another_agencys_risk_flag_without_art10_condition if {
	day_centre_case := object.union(woman, {"controller": {"id": "day-centre", "type": "charity"}, "fields": ["risk_flags"]})
	d := sharing.decision with input as object.union(case1_input, {"case": day_centre_case})
	d.attendees[outreach_worker.id].fields.risk_flags.action == "withhold"
	d.attendees[outreach_worker.id].fields.risk_flags.rule == "sharing.no_art10_condition"
}

# In an emergency, police get her health details at once on vital interests, flagged for review.
test_police_officer_may_see_health_in_an_emergency if {
	d := sharing.decision with input as object.union(case1_input, {"emergency": {"id": "E-1"}})
	health_conditions := d.attendees[police.id].fields.health_conditions
	health_conditions.action == "share"
	health_conditions.basis == "UK GDPR Art 6(1)(d) vital interests"
	health_conditions.condition == "UK GDPR Art 9(2)(c) vital interests"
	health_conditions.review_due == true
	health_conditions.rule == "sharing.emergency_vital_interests"
}

# An emergency releases only what protecting life needs: not nationality, not to observers.
test_emergency_does_not_release_nationality_or_reach_observers if {
	d := sharing.decision with input as object.union(case1_input, {"emergency": {"id": "E-1"}})
	d.attendees[police.id].fields.nationality.action == "withhold"
	d.attendees[observer.id].fields.health_conditions.action == "withhold"
}

# An emergency needs no agreement in force: life comes first.
test_emergency_share_needs_no_agreement if {
	d := sharing.decision with input as object.union(case1_input, {"emergency": {"id": "E-1"}, "agreements": []})
	d.attendees[health.id].fields.health_conditions.action == "share"
}

# A child's identity goes only to safeguarding roles.
test_police_officer_may_not_see_a_childs_name if {
	child := object.union(woman, {"subject_under_18": true})
	d := sharing.decision with input as object.union(case1_input, {"case": child})
	d.attendees[police.id].fields.name.rule == "sharing.under_18"
	d.attendees[health.id].fields.name.action == "share"
}

# Consent past its end date is no basis; the controller's own basis applies instead.
test_expired_consent_is_not_a_basis if {
	expired := object.union(client, {"consent": object.union(client.consent, {"until": "2026-11-30"})})
	d := sharing.decision with input as object.union(case2_input, {"case": expired})
	d.attendees[hostel.id].fields.name.basis == "UK GDPR Art 6(1)(f) legitimate interests"
}

# With recognised legitimate interests switched on, the panel shares on that basis.
test_recognised_legitimate_interest_when_switched_on if {
	no_consent := object.union(client, {"consent": {"purposes": [], "organisations": [], "withdrawn": false}})
	d := sharing.decision with input as object.union(case2_input, {"case": no_consent})
		with data.proportion.sharing.settings.recognised_legitimate_interests.enabled as true
	contains(d.attendees[hostel.id].fields.name.basis, "recognised legitimate interest")
}

# A lapsed agreement blocks police from support needs even if a DPO lists them as needed.
test_police_may_not_see_support_needs_without_an_agreement if {
	lapsed := object.union(partnership_dsa, {"review_date": "2026-01-01"})
	d := sharing.decision with input as object.union(case1_input, {"agreements": [lapsed]})
		with data.proportion.sharing.settings.needs.rough_sleeping_response.police_officer as ["identifier", "support_needs"]
	d.attendees[police.id].fields.support_needs.rule == "sharing.no_agreement"
}

# After an objection (Art 21) only safeguarding information is shared.
test_objection_leaves_only_safeguarding if {
	d := sharing.decision with input as object.union(case2_input, {"case": object.union(client, {"objection": true})})
	d.attendees[hostel.id].fields.name.rule == "sharing.objection"
	d.attendees[hostel.id].fields.risk_flags.action == "generalise"
}

# An incomplete input is reported, so the gateway withholds the case.
test_incomplete_input_is_reported if {
	d := sharing.decision with input as {"attendees": []}
	"meeting purpose is missing" in d.input_errors
	"case controller is missing" in d.input_errors
}
