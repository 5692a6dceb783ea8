-- Records: outcome measures (PHQ-9, GAD-7). What a client answered and their total are health data and are
-- stored encrypted; the instrument, the people and the times stay in clear, since the due list, the chart and
-- the risk banner query them.
create table records_measure_assignment (
    id             uuid        not null primary key,
    client_id      uuid        not null,
    therapist_id   uuid        not null,
    instrument     varchar(8)  not null,
    schedule       varchar(24) not null,
    interval_weeks int,
    assigned_at    timestamp with time zone not null,
    stopped_at     timestamp with time zone,
    stopped_by     uuid,
    constraint records_measure_assignment_instrument_check check (instrument in ('PHQ9', 'GAD7')),
    constraint records_measure_assignment_schedule_check
        check (schedule in ('ONCE', 'EVERY_SESSION', 'EVERY_OTHER_SESSION', 'EVERY_N_WEEKS')),
    constraint records_measure_assignment_weeks_check
        check ((schedule = 'EVERY_N_WEEKS') = (interval_weeks is not null) and coalesce(interval_weeks, 1) between 1 and 12)
);

create index records_measure_assignment_client_idx on records_measure_assignment (client_id, stopped_at);

-- submission_key: made when the form was shown, so a retried submission stores nothing new.
create table records_measure_response (
    id              uuid        not null primary key,
    submission_key  uuid        not null unique,
    client_id       uuid        not null,
    therapist_id    uuid        not null,
    assignment_id   uuid,
    instrument      varchar(8)  not null,
    answers         text        not null,
    total           text        not null,
    administered_by uuid,
    completed_at    timestamp with time zone not null,
    constraint records_measure_response_instrument_check check (instrument in ('PHQ9', 'GAD7'))
);

create index records_measure_response_client_idx on records_measure_response (client_id, instrument, completed_at);

-- A risk raised by a response (PHQ-9 item 9 above 0): at most one per response, shown to the therapist until
-- acknowledged.
create table records_risk_flag (
    id              uuid not null primary key,
    response_id     uuid not null unique references records_measure_response (id),
    client_id       uuid not null,
    therapist_id    uuid not null,
    raised_at       timestamp with time zone not null,
    acknowledged_at timestamp with time zone,
    acknowledged_by uuid
);

create index records_risk_flag_open_idx on records_risk_flag (therapist_id) where acknowledged_at is null;

-- Whether the client sees their own progress chart: their therapist decides.
create table records_measure_share (
    client_id  uuid    not null primary key,
    shared     boolean not null,
    changed_by uuid    not null,
    changed_at timestamp with time zone not null
);
