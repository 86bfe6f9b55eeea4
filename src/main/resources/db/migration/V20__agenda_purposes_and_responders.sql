-- Case-level purposes on a meeting's agenda, each setting kept with who set it and when (the
-- latest per case is in force); the fields an approved request outside a meeting may release;
-- the attendees an emergency share names as responding.
create table agenda_purpose (
    meeting_id varchar(64) not null references meeting (id),
    case_ref varchar(140) not null,
    seq int not null,
    purposes varchar(2000) not null,
    set_by varchar(200) not null,
    set_at timestamp not null,
    primary key (meeting_id, case_ref, seq)
);

alter table meeting add column requested_fields varchar(2000);

alter table emergency_share add column responders varchar(2000);
