-- Records: the intake questionnaire a client fills in before their first session, one per client. The
-- answers are one sealed JSON document (FieldEncryption): the database sees only whose it is, where it
-- stands and when. version rises with every save, so that a save made from a stale page is refused instead
-- of overwriting newer answers (optimistic concurrency).
create table records_intake (
    client_id    uuid        not null primary key,
    version      bigint      not null,
    answers      text        not null,
    status       varchar(16) not null,
    updated_at   timestamp with time zone not null,
    submitted_at timestamp with time zone,
    reviewed_at  timestamp with time zone,
    reviewed_by  uuid,
    constraint records_intake_status_check check (status in ('DRAFT', 'SUBMITTED', 'REVIEWED'))
);

-- Break-glass grants an admin ended before they expired: expires_at moves to the end, ended_at says so.
alter table records_break_glass add column ended_at timestamp with time zone;
