-- What a released pack's views show and what its log says was decided, as one digest: a rebuild
-- that comes to exactly the same releases nothing new (no version, no log rows, no messages).
alter table pack add column fingerprint varchar(64);
