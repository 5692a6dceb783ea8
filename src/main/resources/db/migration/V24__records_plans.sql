-- Records: the client's treatment plan and safety plan. Everything a person writes in them (problems, goals,
-- objectives and how they are measured, interventions, the safety plan's items) is stored encrypted
-- (FieldEncryption) as one document per plan; only the plan's own dates and version are in clear.
create table records_treatment_plan (
    client_id             uuid         not null primary key,
    content               text         not null,
    version               integer      not null,
    target_date           date         not null,
    review_date           date         not null,
    updated_at            timestamp with time zone not null,
    updated_by            uuid         not null,
    reviewed_at           timestamp with time zone,
    reviewed_by           uuid,
    acknowledged_version  integer,
    acknowledged_at       timestamp with time zone
);

create index records_treatment_plan_review_idx on records_treatment_plan (review_date);

create table records_safety_plan (
    client_id   uuid         not null primary key,
    content     text         not null,
    version     integer      not null,
    updated_at  timestamp with time zone not null,
    updated_by  uuid         not null
);

-- What happened to a client's plans, for the chart's timeline and the history of each status: who, when, and
-- for a status change the item (by its id inside the encrypted document) and the statuses from and to.
create table records_plan_event (
    id           uuid         not null primary key,
    client_id    uuid         not null,
    plan         varchar(16)  not null,
    what         varchar(16)  not null,
    actor_id     uuid         not null,
    at           timestamp with time zone not null,
    version      integer      not null,
    item_id      uuid,
    item_kind    varchar(16),
    from_status  varchar(16),
    to_status    varchar(16),
    constraint records_plan_event_plan_check check (plan in ('TREATMENT', 'SAFETY')),
    constraint records_plan_event_what_check
        check (what in ('SAVED', 'STATUS', 'REVIEWED', 'ACKNOWLEDGED'))
);

create index records_plan_event_client_idx on records_plan_event (client_id, at);
