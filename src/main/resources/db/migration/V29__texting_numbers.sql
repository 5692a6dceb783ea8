-- Each account's mobile number for texts, in E.164, and what the person agreed to receive. A number is
-- verified by a code sent to it before anything else goes there. A verified number belongs to one account.
create table text_number (
    account_id        uuid        not null primary key references account (id) on delete cascade,
    e164              varchar(16) not null,
    verified_at       timestamp with time zone,
    code_hash         varchar(64),
    code_expires_at   timestamp with time zone,
    code_failures     int         not null default 0,
    reminders         boolean     not null default false,
    clinical          boolean     not null default false,
    clinical_since    timestamp with time zone,
    -- where texts from this client's phone go: one of the client's care relationships (its conversation)
    conversation_id   uuid,
    updated_at        timestamp with time zone not null
);

create unique index text_number_verified_uk on text_number (e164) where verified_at is not null;

-- A number that texted STOP (or another opt-out word): nothing but the one confirmation goes to it until it
-- texts START. Kept per number, whoever it belongs to, and for numbers Haven does not know.
create table text_opt_out (
    e164         varchar(16) not null primary key,
    opted_out_at timestamp with time zone not null
);

-- Verification codes sent, to limit them per number, per account and per address (SMS pumping).
create table text_code_send (
    e164       varchar(16) not null,
    account_id uuid        not null,
    address    varchar(64) not null,
    sent_at    timestamp with time zone not null
);

create index text_code_send_at_idx on text_code_send (sent_at);

-- The one polite answer a day to a number that cannot text anyone at Haven; what it wrote is not stored.
create table text_stranger_reply (
    e164       varchar(16) not null primary key,
    replied_on date        not null
);
