package proportion.matrix_test

import data.proportion.matrix

row(purpose, role, state, case_purpose, field) := r if {
	some r in matrix.rows
	r.purpose == purpose
	r.role == role
	r.agreement == state
	r.case_purpose == case_purpose
	r.field == field
}

# Every purpose, role, state, case purpose and catalogue field has exactly one row.
test_matrix_has_one_row_per_combination if {
	roles := count([1 | some _, roles in data.proportion.sharing.settings.needs; some _, _ in roles])
	count(matrix.rows) == ((roles * 3) * 2) * count(data.proportion.catalogue.field_order)
}

# The matrix is the live policy's own answer: police named only with a purpose or agreement.
test_police_officer_rough_sleeping_matrix_rows_follow_the_policy if {
	row("rough_sleeping_response", "police_officer", "not_asked", "none", "name").action == "pseudonymise"
	row("rough_sleeping_response", "police_officer", "not_asked", "safeguarding_concern", "name").action == "share"
	row("rough_sleeping_response", "police_officer", "agreed", "none", "name").basis == "UK GDPR Art 6(1)(a) consent"
	row("rough_sleeping_response", "police_officer", "refused", "none", "name").rule == "sharing.refused"
}

# Conditions show where the policy needs them.
test_health_practitioner_rough_sleeping_matrix_rows_name_the_art9_condition if {
	contains(row("rough_sleeping_response", "health_practitioner", "not_asked", "none", "health_conditions").condition, "Art 9(2)(h)")
}
