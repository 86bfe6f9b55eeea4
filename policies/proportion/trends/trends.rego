# METADATA
# title: Trends
# description: |
#   Decides which aggregate tables each attendee of a meeting receives, and the
#   smallest count that may be shown. Counts below the threshold are shown as
#   "fewer than N" by the gateway, with secondary suppression so that no
#   suppressed count can be recovered by subtraction.
package proportion.trends

tunables := data.proportion.trends.settings

# METADATA
# description: The trends decision the gateway asks for, once per pack.
# entrypoint: true
# custom:
#   reason_code: trends.decision
default decision := {"min_cell_count": 5, "attendees": {}}

decision := {
	"data_revision": crypto.sha256(json.marshal(tunables)),
	"min_cell_count": min_cell_count,
	"attendees": {att.id: {"dimensions": dimensions(att)} | some att in input.attendees},
}

# Never below 2: a single person's count is never shown.
min_cell_count := max([2, tunables.min_cell_count])

dimensions(att) := {dimension: dimension_decision(att, dimension) | some dimension, _ in tunables.dimensions}

dimension_decision(att, dimension) := {
	"action": "withhold",
	"basis": null,
	"condition": null,
	"purpose": input.meeting.purpose,
	"rule": "trends.dimension_withheld",
	"reason": sprintf("The DPO has withheld %s trends from this role.", [lower(tunables.dimensions[dimension])]),
} if {
	dimension in object.get(tunables.withheld_dimensions, att.role, [])
} else := {
	"action": "share",
	"basis": "Anonymised counts: not personal data once small numbers are suppressed",
	"condition": null,
	"purpose": input.meeting.purpose,
	"rule": "trends.anonymised_counts",
	"reason": sprintf("%s counts with numbers below %d suppressed.", [tunables.dimensions[dimension], min_cell_count]),
}
