-- Part of a day a therapist blocks (a holiday afternoon, a dentist appointment), in their own time zone like
-- weekly rules and days off: a date and wall-clock times, resolved to real time only when slots are made.
-- Column names avoid words H2 reserves (day, from, to, end, value, ...).
create table availability_time_off (
    id           uuid        not null primary key,
    therapist_id uuid        not null,
    off_date     date        not null,
    from_time    time        not null,
    until_time   time        not null,
    label        varchar(80),
    created_at   timestamp with time zone not null,
    constraint availability_time_off_range_check check (until_time > from_time)
);

create index availability_time_off_therapist_idx on availability_time_off (therapist_id, off_date);
