-- Outgoing mail waits here until the SMTP server has accepted it, so a mail server outage or a restart
-- delays mail and loses none. Bodies and attachments carry sign-in links (secrets), so they are encrypted.
-- dedupe_key makes enqueueing idempotent: a notice retried after a crash is stored once.
create table mail_outbox (
    id              uuid         not null primary key,
    dedupe_key      varchar(200),
    recipient       varchar(320) not null,
    subject         varchar(300) not null,
    body            text         not null,
    attachment_name varchar(100),
    attachment_type varchar(100),
    attachment      text,
    created_at      timestamp with time zone not null,
    next_attempt_at timestamp with time zone not null,
    not_after       timestamp with time zone,
    attempts        int          not null default 0,
    lease_until     timestamp with time zone,
    sent_at         timestamp with time zone,
    abandoned_at    timestamp with time zone,
    last_error      varchar(200),
    constraint mail_outbox_dedupe_uk unique (dedupe_key)
);

create index mail_outbox_due_idx on mail_outbox (sent_at, abandoned_at, next_attempt_at);
