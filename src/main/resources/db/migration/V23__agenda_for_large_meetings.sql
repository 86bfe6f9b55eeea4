-- A regional panel can have a thousand people on the agenda: 4,000 characters of case references
-- held about 220. One million characters holds tens of thousands; the same statement on H2 and
-- PostgreSQL.
alter table meeting alter column agenda set data type varchar(1000000);
