-- A therapist's profile photo: only the re-encoded image is kept, sealed with FieldEncryption
-- (binary form), so the database never holds the uploaded file or a readable picture. Every upload gets a
-- new upload_id, which photo URLs carry so that a browser's cached copy never outlives a replacement.
create table therapist_photo (
    account_id  uuid        not null primary key references therapist_profile (account_id) on delete cascade,
    upload_id   uuid        not null,
    media_type  varchar(20) not null,
    sealed      bytea       not null,
    updated_at  timestamp with time zone not null,
    constraint therapist_photo_media_type_check check (media_type in ('image/jpeg', 'image/png'))
);
