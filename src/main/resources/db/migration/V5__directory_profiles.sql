-- Therapist profiles for the directory: what clients search by. No health data here.
create table therapist_profile (
    account_id            uuid          not null primary key,
    display_name          varchar(100)  not null,
    pronouns              varchar(40),
    bio                   varchar(4000),
    fee                   varchar(200),
    sliding_scale         varchar(300),
    accepting_new_clients boolean       not null default true,
    time_zone             varchar(64)   not null,
    published             boolean       not null default false,
    updated_at            timestamp with time zone not null
);

create table therapist_licence (
    id           uuid         not null primary key,
    account_id   uuid         not null references therapist_profile (account_id) on delete cascade,
    jurisdiction varchar(10)  not null,
    licence_type varchar(80)  not null,
    number       varchar(60)  not null,
    expires_on   date         not null
);

create index therapist_licence_search_idx on therapist_licence (jurisdiction, expires_on);

-- Modalities offered, specialties, approaches and languages, one row per value.
create table therapist_tag (
    account_id uuid        not null references therapist_profile (account_id) on delete cascade,
    kind       varchar(16) not null,
    tag        varchar(40) not null,
    constraint therapist_tag_pk primary key (account_id, kind, tag),
    constraint therapist_tag_kind_check check (kind in ('MODALITY', 'SPECIALTY', 'APPROACH', 'LANGUAGE'))
);

create index therapist_tag_search_idx on therapist_tag (kind, tag);
