-- One row per attendee and case: the case decision in the row's own columns and every field's
-- decision in items (a JSON array of [item, action, basis, condition, purpose, rule, reason]),
-- which the row's hash covers. Rows written before this have no items and verify as before.
alter table decision_log add column items varchar(1000000);
