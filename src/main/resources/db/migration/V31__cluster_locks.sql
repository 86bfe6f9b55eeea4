-- Cluster-wide locks for several gateways on one database (README "More than one gateway"): the
-- schedule's run and each meeting's build hold a row here while they work. A row is a lease, not
-- a session lock: its holder renews it while alive, and once expires_at_ms has passed (a holder
-- killed with kill -9 renews nothing) any other gateway may take it over. Times are the holders'
-- clocks in epoch milliseconds, so the same SQL runs on H2 and PostgreSQL.
create table cluster_lock (
    lock_name varchar(300) primary key,
    owner_id varchar(100) not null,
    expires_at_ms bigint not null,
    acquired_at_ms bigint not null
);
