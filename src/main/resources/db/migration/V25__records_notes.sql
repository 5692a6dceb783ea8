-- Records: session notes. One progress note per session (appointment), written from a template; the sections'
-- text and the client's check-in location are stored encrypted. Signing locks a note for ever: the triggers
-- below refuse any UPDATE or DELETE of a signed note and of any addendum, whoever runs the SQL.
create table records_note (
    id               uuid        not null primary key,
    appointment_id   uuid        not null,
    client_id        uuid        not null,
    therapist_id     uuid        not null,
    template         varchar(8)  not null,
    session_start    timestamp with time zone not null,
    session_zone     varchar(64) not null,
    modality         varchar(16) not null,
    duration_seconds bigint      not null,
    location         text,
    sections         text        not null,
    version          int         not null default 0,
    created_at       timestamp with time zone not null,
    updated_at       timestamp with time zone not null,
    signed_by        uuid,
    signed_at        timestamp with time zone,
    signed_sha256    varchar(64),
    constraint records_note_appointment_unique unique (appointment_id),
    constraint records_note_template_check check (template in ('SOAP', 'DAP', 'BIRP', 'FREE')),
    constraint records_note_signature_check check (
        (signed_at is null and signed_by is null and signed_sha256 is null)
        or (signed_at is not null and signed_by is not null and signed_sha256 is not null))
);

create index records_note_client_idx on records_note (client_id, session_start);
create index records_note_therapist_idx on records_note (therapist_id, session_start);

create function records_note_signed_is_final() returns trigger as $$
begin
    if old.signed_at is not null then
        raise exception 'records_note %: a signed note cannot be changed or deleted', old.id;
    end if;
    if tg_op = 'DELETE' then
        return old;
    end if;
    return new;
end;
$$ language plpgsql;

create trigger records_note_signed_is_final before update or delete on records_note
    for each row execute function records_note_signed_is_final();

-- An addendum is signed when written: it is never changed or deleted.
create table records_note_addendum (
    id             uuid        not null primary key,
    note_id        uuid        not null references records_note (id),
    text           text        not null,
    signed_by      uuid        not null,
    signed_at      timestamp with time zone not null,
    signed_sha256  varchar(64) not null
);

create index records_note_addendum_note_idx on records_note_addendum (note_id, signed_at);

create function records_note_addendum_is_final() returns trigger as $$
begin
    raise exception 'records_note_addendum %: an addendum cannot be changed or deleted', old.id;
end;
$$ language plpgsql;

create trigger records_note_addendum_is_final before update or delete on records_note_addendum
    for each row execute function records_note_addendum_is_final();

-- Psychotherapy notes: the therapist's own working notes of a session, kept apart from the record. Only
-- their author reads them; never the client, never an export.
create table records_psychotherapy_note (
    id             uuid        not null primary key,
    appointment_id uuid        not null,
    client_id      uuid        not null,
    therapist_id   uuid        not null,
    text           text        not null,
    created_at     timestamp with time zone not null
);

create index records_psychotherapy_note_appointment_idx on records_psychotherapy_note (appointment_id, created_at);
