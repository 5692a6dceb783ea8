-- Notifications: each user's choices, and the reminders scheduled for appointments. A reminder row is
-- claimed (sent_at set) in the same transaction that puts its mail in the outbox, so it goes out once,
-- whichever node or restart finds it due.
create table notification_preference (
    account_id      uuid        not null primary key,
    email_notices   boolean     not null,
    email_reminders boolean     not null,
    time_zone       varchar(64),
    updated_at      timestamp with time zone not null
);

create table appointment_reminder (
    id             uuid    not null primary key,
    appointment_id uuid    not null,
    account_id     uuid    not null,
    lead_minutes   int     not null,
    starts_at      timestamp with time zone not null,
    due_at         timestamp with time zone not null,
    sent_at        timestamp with time zone,
    skipped        boolean not null default false,
    constraint appointment_reminder_uk unique (appointment_id, account_id, lead_minutes, starts_at)
);

create index appointment_reminder_due_idx on appointment_reminder (sent_at, due_at);
create index appointment_reminder_appointment_idx on appointment_reminder (appointment_id);
