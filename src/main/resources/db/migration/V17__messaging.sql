-- Messaging: one conversation per care relationship (its id is the relationship's), holding chat messages
-- and letters in one timeline. Everything people write (texts, subjects, file names, files) is stored
-- sealed with FieldEncryption; the database sees only who wrote when.
--
-- last_seq is the conversation's sequence: each new item and each edit or deletion takes the next number
-- (seq is an item's place, rev the number of its latest change), so a reconnecting browser asks for
-- "everything with rev above N". The receipt columns are watermarks that only move forward. closed_at is
-- set when the care relationship ends: the conversation stays readable and takes nothing new.
create table conversation (
    id                  uuid   not null primary key,
    client_id           uuid   not null,
    therapist_id        uuid   not null,
    last_seq            bigint not null default 0,
    client_delivered    bigint not null default 0,
    client_read         bigint not null default 0,
    therapist_delivered bigint not null default 0,
    therapist_read      bigint not null default 0,
    created_at          timestamp with time zone not null,
    closed_at           timestamp with time zone
);

create index conversation_client_idx on conversation (client_id);
create index conversation_therapist_idx on conversation (therapist_id);

create table conversation_item (
    conversation_id uuid        not null references conversation (id),
    seq             bigint      not null,
    rev             bigint      not null,
    kind            varchar(8)  not null,
    author_id       uuid        not null,
    client_key      varchar(64) not null,
    body            text,
    thread_id       uuid,
    posted_at       timestamp with time zone not null,
    edited_at       timestamp with time zone,
    deleted_at      timestamp with time zone,
    constraint conversation_item_pk primary key (conversation_id, seq),
    constraint conversation_item_client_key_uk unique (conversation_id, author_id, client_key),
    constraint conversation_item_kind_check check (kind in ('CHAT', 'LETTER'))
);

create index conversation_item_rev_idx on conversation_item (conversation_id, rev);
create index conversation_item_thread_idx on conversation_item (thread_id, seq);

-- Files sent with a message or letter. Uploaded first (item_seq null, draft_id set for a letter draft),
-- then bound to the item that sends them. Unbound uploads older than a day are removed.
create table message_attachment (
    id              uuid        not null primary key,
    conversation_id uuid        not null references conversation (id),
    uploaded_by     uuid        not null,
    item_seq        bigint,
    draft_id        uuid,
    name            text        not null,
    media_type      varchar(40) not null,
    size_bytes      bigint      not null,
    sealed          bytea       not null,
    created_at      timestamp with time zone not null
);

create index message_attachment_item_idx on message_attachment (conversation_id, item_seq);

create table letter_thread (
    id              uuid not null primary key,
    conversation_id uuid not null references conversation (id),
    subject         text not null,
    started_by      uuid not null,
    started_at      timestamp with time zone not null,
    last_letter_at  timestamp with time zone not null,
    last_author_id  uuid not null,
    client_read     bigint not null default 0,
    therapist_read  bigint not null default 0
);

create index letter_thread_conversation_idx on letter_thread (conversation_id, last_letter_at);

-- A letter being written: saved as the author types, one per author and thread (thread_id null: a new one).
create table letter_draft (
    id              uuid not null primary key,
    conversation_id uuid not null references conversation (id),
    author_id       uuid not null,
    thread_id       uuid,
    subject         text,
    body            text,
    updated_at      timestamp with time zone not null
);

create index letter_draft_author_idx on letter_draft (author_id, conversation_id);

-- What a therapist tells clients about letters: "I reply within N working days".
create table letter_reply_time (
    therapist_id uuid    not null primary key,
    working_days integer not null,
    updated_at   timestamp with time zone not null,
    constraint letter_reply_time_days_check check (working_days between 1 and 10)
);
