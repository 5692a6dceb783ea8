-- Records: emergency ("break-glass") access. An admin who states a reason reads one client's record until
-- the grant expires; every read made through it is audited with the reason.
create table records_break_glass (
    id         uuid         not null primary key,
    admin_id   uuid         not null,
    client_id  uuid         not null,
    reason     text         not null,
    granted_at timestamp with time zone not null,
    expires_at timestamp with time zone not null
);

create index records_break_glass_lookup_idx on records_break_glass (admin_id, client_id, expires_at);
