-- Versioned telehealth consent documents and clients' signatures. A signature binds the SHA-256 of the
-- exact text the client read; a new version asks every client to consent again.
create table consent_document (
    version      int          not null primary key,
    title        varchar(200) not null,
    body         text         not null,
    sha256       char(64)     not null,
    published_at timestamp with time zone not null,
    published_by uuid
);

create table consent_signature (
    id              uuid        not null primary key,
    client_id       uuid        not null,
    version         int         not null references consent_document (version),
    document_sha256 char(64)    not null,
    typed_name      text        not null,
    address         varchar(64) not null,
    signed_at       timestamp with time zone not null,
    constraint consent_signature_once unique (client_id, version)
);
