-- The drops already taken in, by content digest: the key of the intake route's idempotent
-- consumer (routes/intake.camel.yaml), so the same drop sent again is skipped as a repeat.
-- A digest is the sha-256 of the agency's name and the bytes as sent (hex), never a value.
-- It is written in the same transaction as the drop's records: a drop rolled back or lost in a
-- crash leaves no digest behind, so sending it again takes it in.
-- Owned by org.proportion.ingest (IntakeDigests): no other package reads or writes it.
create table intake_digest (
    digest char(64) primary key,
    recorded_at timestamp not null
);
