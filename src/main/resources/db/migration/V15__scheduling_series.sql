-- A therapist books a weekly or fortnightly series for a client in one go; its appointments share an id.
alter table appointment add column series_id uuid;
