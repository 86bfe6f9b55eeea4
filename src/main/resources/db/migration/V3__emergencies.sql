-- Emergency shares (vital interests): who asked, why, for which case and meeting; the DPO's
-- review queue is the ones not yet reviewed.
create table emergency_share (
    id varchar(20) primary key,
    meeting_id varchar(64) not null references meeting (id),
    case_ref varchar(140) not null,
    requested_by varchar(200) not null,
    reason varchar(2000) not null,
    requested_at timestamp not null,
    reviewed_at timestamp,
    reviewed_by varchar(200),
    justification varchar(4000)
);
