package proportion.trends_test

import data.proportion.trends

meeting := {"id": "mam", "purpose": "rough_sleeping_response"}

police := {"id": "att-police", "role": "police_officer"}

observer := {"id": "att-observer", "role": "observer"}

# Every attendee, observers included, gets every trend table by default.
test_observer_may_see_all_trends if {
	d := trends.decision with input as {"meeting": meeting, "attendees": [police, observer]}
	every dimension in ["support_needs", "gender", "age_band", "nationality"] {
		d.attendees[observer.id].dimensions[dimension].action == "share"
		d.attendees[police.id].dimensions[dimension].action == "share"
	}
	d.min_cell_count == 5
}

# A DPO can withhold one table from one role.
test_police_officer_may_not_see_withheld_dimension if {
	d := trends.decision with input as {"meeting": meeting, "attendees": [police, observer]}
		with data.proportion.trends.settings.withheld_dimensions as {"police_officer": ["nationality"]}
	d.attendees[police.id].dimensions.nationality.action == "withhold"
	d.attendees[police.id].dimensions.nationality.rule == "trends.dimension_withheld"
	d.attendees[observer.id].dimensions.nationality.action == "share"
}

# A threshold set below 2 is raised to 2, so a single person is never counted in the open.
test_threshold_never_below_two if {
	d := trends.decision with input as {"meeting": meeting, "attendees": [police]}
		with data.proportion.trends.settings.min_cell_count as 1
	d.min_cell_count == 2
}
