-- Appointments. appointment_claim makes double booking impossible in the database itself: one live
-- appointment per therapist and start time (the claim is removed when the appointment is cancelled).
create table appointment (
    id              uuid        not null primary key,
    therapist_id    uuid        not null,
    client_id       uuid        not null,
    relationship_id uuid        not null,
    modality        varchar(16) not null,
    starts_at       timestamp with time zone not null,
    ends_at         timestamp with time zone not null,
    status          varchar(16) not null,
    booked_by       uuid        not null,
    created_at      timestamp with time zone not null,
    cancelled_at    timestamp with time zone,
    sequence        int         not null default 0,
    constraint appointment_status_check check (status in ('BOOKED', 'CANCELLED'))
);

create index appointment_therapist_idx on appointment (therapist_id, starts_at);
create index appointment_client_idx on appointment (client_id, starts_at);

create table appointment_claim (
    therapist_id   uuid not null,
    starts_at      timestamp with time zone not null,
    appointment_id uuid not null,
    constraint appointment_claim_pk primary key (therapist_id, starts_at)
);
