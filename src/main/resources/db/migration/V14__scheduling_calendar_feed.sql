-- One private calendar feed per account: a calendar application polls /calendar/<token>.ics without
-- signing in, so the token is the only secret. Only its SHA-256 is kept: a copy of the database does not
-- open anyone's feed. Making a new link replaces the hash (the old link stops at once); turning the link
-- off deletes the row. Column names avoid words H2 reserves (key, value, ...).
create table calendar_feed (
    account_id      uuid        not null primary key,
    token_hash      varchar(64) not null,
    created_at      timestamp with time zone not null,
    last_fetched_at timestamp with time zone,
    constraint calendar_feed_token_uk unique (token_hash)
);
