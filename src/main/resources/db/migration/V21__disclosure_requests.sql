-- Requests for one person's data outside a meeting: a police request for a stated crime purpose
-- (DPA 2018 Sch 2 para 2) or a public authority's request (DUAA 2025 recognised legitimate
-- interests), naming the fields it needs; a designated person approves or refuses each one.
create table disclosure_request (
    id varchar(20) primary key,
    kind varchar(40) not null,
    case_ref varchar(140) not null,
    requester_name varchar(200) not null,
    requester_role varchar(64) not null,
    requester_org varchar(64) not null,
    requester_email varchar(200),
    stated_purpose varchar(2000) not null,
    fields varchar(2000) not null,
    received_by varchar(200) not null,
    received_at timestamp not null,
    status varchar(20) not null,
    decided_by varchar(200),
    decided_at timestamp,
    decision_note varchar(2000),
    meeting_id varchar(64)
);
