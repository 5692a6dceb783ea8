-- Visits: a room's admission and end, kept where every node sees them and where they outlive the node that
-- held the connections (a therapist's node restarting does not send an admitted client back to the waiting
-- room). Who is connected is presence, not state: it lives with the connections (docs/signaling.md).
create table visit_room (
    appointment_id uuid    not null primary key,
    admitted       boolean not null default false,
    ended          boolean not null default false
);
