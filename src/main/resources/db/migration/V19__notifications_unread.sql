-- Notifications of unread messages and letters. Each user may turn them off (on by default) and may set
-- quiet hours, local times in their own time zone (from > to crosses midnight; both null: none).
alter table notification_preference add column email_unread boolean not null default true;
alter table notification_preference add column quiet_from time;
alter table notification_preference add column quiet_to time;

-- One pending check per recipient: due when the first message they have not read is old enough. Messages
-- arriving while a check is pending wait for it (one mail for all of them). A node claims a due row with
-- "for update skip locked" and removes it in the transaction that queues the mail.
create table unread_check (
    account_id uuid not null primary key,
    due_at     timestamp with time zone not null
);

create index unread_check_due_idx on unread_check (due_at);

-- Per recipient and conversation, the newest sequence a mail was sent for: nothing is announced twice.
-- Only ids and numbers, like the events that lead here.
create table unread_notified (
    account_id      uuid   not null,
    conversation_id uuid   not null,
    notified_seq    bigint not null,
    constraint unread_notified_pk primary key (account_id, conversation_id)
);
