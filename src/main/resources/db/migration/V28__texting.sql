-- Text messages over SMPP. A text is stored (its body encrypted) before it is sent and sent from this
-- table, so a text queued while the link to the SMSC is down goes out after the rebind. Each segment of a
-- long text is recorded as the SMSC accepts it: after a drop, sending resumes at the first segment the SMSC
-- has not acknowledged, so no segment goes out twice.
create table text_outbox (
    id              uuid         not null primary key,
    recipient       varchar(16)  not null,
    account_id      uuid,
    purpose         varchar(12)  not null,
    body            text         not null,
    encoding        varchar(5)   not null,
    segments        int          not null,
    segments_sent   int          not null default 0,
    concat_ref      int          not null,
    status          varchar(14)  not null,
    created_at      timestamp with time zone not null,
    next_attempt_at timestamp with time zone not null,
    not_after       timestamp with time zone,
    attempts        int          not null default 0,
    lease_until     timestamp with time zone,
    submitted_at    timestamp with time zone,
    done_at         timestamp with time zone,
    last_error      varchar(200),
    constraint text_outbox_purpose_check check (purpose in ('CODE', 'REMINDER', 'CLINICAL', 'KEYWORD', 'NOTICE')),
    constraint text_outbox_encoding_check check (encoding in ('GSM', 'UCS-2')),
    constraint text_outbox_segments_check check (segments between 1 and 10 and segments_sent between 0 and segments),
    constraint text_outbox_status_check check (status in ('QUEUED', 'SUBMITTED', 'DELIVERED', 'UNDELIVERABLE',
        'EXPIRED', 'REJECTED', 'UNCONFIRMED', 'FAILED'))
);

create index text_outbox_due_idx on text_outbox (status, next_attempt_at);

-- The SMSC's id of each accepted segment: delivery receipts name it.
create table text_segment (
    text_id         uuid        not null references text_outbox (id) on delete cascade,
    segment         int         not null,
    smsc_message_id varchar(65) not null,
    receipt         varchar(14),
    constraint text_segment_pk primary key (text_id, segment)
);

create index text_segment_smsc_idx on text_segment (smsc_message_id);

-- A receipt can overtake the node's record of the submission it reports on (the SMSC answers the submit,
-- then sends the receipt before the node has stored the answer). Such a receipt waits here until the
-- segment it names is known.
create table text_receipt_early (
    smsc_message_id varchar(65) not null,
    outcome         varchar(14) not null,
    received_at     timestamp with time zone not null
);

create index text_receipt_early_idx on text_receipt_early (smsc_message_id);
