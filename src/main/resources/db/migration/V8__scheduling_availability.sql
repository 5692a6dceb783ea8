-- A therapist's availability: weekly windows in their own time zone, whole days off, and session settings.
create table availability_settings (
    therapist_id    uuid not null primary key,
    session_minutes int  not null,
    buffer_minutes  int  not null,
    notice_hours    int  not null,
    horizon_days    int  not null,
    updated_at      timestamp with time zone not null
);

create table availability_rule (
    id           uuid     not null primary key,
    therapist_id uuid     not null,
    day_of_week  smallint not null,
    start_time   time     not null,
    end_time     time     not null,
    constraint availability_rule_day_check check (day_of_week between 1 and 7)
);

create index availability_rule_therapist_idx on availability_rule (therapist_id);

create table availability_day_off (
    therapist_id uuid not null,
    off_day      date not null,
    constraint availability_day_off_pk primary key (therapist_id, off_day)
);
