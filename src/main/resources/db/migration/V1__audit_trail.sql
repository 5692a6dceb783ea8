-- The append-only, hash-chained audit trail. Each entry stores the SHA-256 of the previous one;
-- audit_head holds the last id and hash so that removing entries at the end is detected too.
create table audit_entry (
    id          bigint       not null primary key,
    occurred_at timestamp with time zone not null,
    actor       varchar(120) not null,
    action      varchar(80)  not null,
    subject     varchar(200) not null,
    detail      varchar(500),
    prev_hash   char(64)     not null,
    hash        char(64)     not null
);

create index audit_entry_actor_idx on audit_entry (actor);

create table audit_head (
    singleton  int      not null primary key,
    last_id    bigint   not null,
    last_hash  char(64) not null,
    constraint audit_head_single check (singleton = 1)
);

insert into audit_head (singleton, last_id, last_hash)
values (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
