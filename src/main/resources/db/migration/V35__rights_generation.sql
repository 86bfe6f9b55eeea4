-- One counter, raised in the same transaction as every erasure, correction, consent withdrawal
-- and objection made at a person's request. A pack build reads it before it reads the records and
-- again inside its release transaction: if it moved, the build read the records before the change
-- and releases nothing from them (it starts over). Without it, a build that had read a record
-- before its erasure could release it after the erasure's own rebuild gave up waiting.
create table rights_change (
    id int primary key,
    generation bigint not null
);
insert into rights_change (id, generation) values (1, 0);
