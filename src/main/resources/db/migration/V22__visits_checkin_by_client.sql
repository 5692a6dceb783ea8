-- The crisis lines shown to a client follow the jurisdiction of their latest check-in: find it by client.
create index visit_checkin_client_idx on visit_checkin (client_id, created_at);
