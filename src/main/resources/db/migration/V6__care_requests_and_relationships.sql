-- Intake requests and care relationships. What the client writes (reason, where they live, emergency
-- contact) is health data: it is stored encrypted (FieldEncryption), never in clear.
create table care_request (
    id                    uuid         not null primary key,
    client_id             uuid         not null,
    therapist_id          uuid         not null,
    reason                text         not null,
    preferred_modalities  varchar(100) not null,
    jurisdiction          varchar(10)  not null,
    location              text         not null,
    emergency_contact     text         not null,
    status                varchar(16)  not null,
    therapist_message     text,
    created_at            timestamp with time zone not null,
    decided_at            timestamp with time zone,
    constraint care_request_status_check check (status in ('PENDING', 'ACCEPTED', 'DECLINED', 'WITHDRAWN'))
);

create index care_request_client_idx on care_request (client_id, status);
create index care_request_therapist_idx on care_request (therapist_id, status);

create table care_relationship (
    id            uuid not null primary key,
    client_id     uuid not null,
    therapist_id  uuid not null,
    request_id    uuid not null references care_request (id),
    started_at    timestamp with time zone not null,
    ended_at      timestamp with time zone,
    ended_by      uuid
);

create index care_relationship_client_idx on care_relationship (client_id, therapist_id);
create index care_relationship_therapist_idx on care_relationship (therapist_id);
