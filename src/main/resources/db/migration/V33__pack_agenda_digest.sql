-- What a released pack was built from: a digest of its meeting's agenda records exactly as the
-- build read them (pack.AgendaDigest). The schedule compares it with the records as they stand
-- to tell whether the pack is stale. Build times could not say so reliably: a record's updated_at
-- is taken before its intake commits, so a build that started earlier could already hold it
-- (and be rebuilt, "unchanged", at every run) or one that started later could miss it for good.
-- Null for packs released before this column: the schedule falls back to their build time.
alter table pack add column agenda_digest varchar(64);
