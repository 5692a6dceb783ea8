-- Visits: the client's check-in for each session (where they are right now and a phone number reachable
-- during it: the emergency plan, shown to the therapist; stored encrypted) and the record of the call.
create table visit_checkin (
    id             uuid         not null primary key,
    appointment_id uuid         not null,
    client_id      uuid         not null,
    location       text         not null,
    jurisdiction   varchar(10)  not null,
    phone          text         not null,
    created_at     timestamp with time zone not null
);

create index visit_checkin_appointment_idx on visit_checkin (appointment_id, created_at);

create table visit (
    appointment_id   uuid        not null primary key,
    client_id        uuid        not null,
    therapist_id     uuid        not null,
    modality         varchar(16) not null,
    started_at       timestamp with time zone not null,
    ended_at         timestamp with time zone,
    duration_seconds bigint
);
