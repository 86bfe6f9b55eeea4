package proportion.matrix_test

import data.proportion.matrix

# Two roles at one purpose keep the tests quick; the launcher's matrix covers every role.
needs := {"rough_sleeping_response": {
	"police_officer": data.proportion.sharing.settings.needs.rough_sleeping_response.police_officer,
	"health_practitioner": data.proportion.sharing.settings.needs.rough_sleeping_response.health_practitioner,
}}

rows := r if {
	r := matrix.rows with data.proportion.sharing.settings.needs as needs
}

row(role, state, case_purpose, field) := r if {
	some r in rows
	r.role == role
	r.agreement == state
	r.case_purpose == case_purpose
	r.field == field
}

# Every role, agreement state, case purpose and catalogue field has exactly one row.
test_matrix_has_one_row_per_combination if {
	count(rows) == ((2 * 3) * 2) * count(data.proportion.catalogue.field_order)
}

# The matrix is the live policy's own answer: police named only with a purpose or agreement.
test_police_officer_rough_sleeping_matrix_rows_follow_the_policy if {
	row("police_officer", "not_asked", "none", "name").action == "pseudonymise"
	row("police_officer", "not_asked", "safeguarding_concern", "name").action == "share"
	row("police_officer", "agreed", "none", "name").basis == "UK GDPR Art 6(1)(a) consent"
	row("police_officer", "refused", "none", "name").rule == "sharing.refused"
}

# Conditions show where the policy needs them.
test_health_practitioner_rough_sleeping_matrix_rows_name_the_art9_condition if {
	contains(row("health_practitioner", "not_asked", "none", "health_conditions").condition, "Art 9(2)(h)")
}
