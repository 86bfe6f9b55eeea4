-- Whom each stored view was decided for: the attendee's role and organisation at the build. An
-- attendee edited in place afterwards (another role, another organisation) is not served a view
-- the policy decided for someone else; their view opens again once a build decides for them.
-- Null for views stored before this column: they are taken as built for the attendee as they stand.
alter table attendee_view add column attendee_role varchar(64);
alter table attendee_view add column attendee_org varchar(64);
