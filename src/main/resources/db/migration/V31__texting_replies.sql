-- A therapist's reply sent by text is an item of the conversation: the outbox row names it, so its delivery
-- state can be shown there, and a reply is queued once however often its event is delivered.
alter table text_outbox add column conversation_id uuid;
alter table text_outbox add column item_seq bigint;
create unique index text_outbox_item_uk on text_outbox (conversation_id, item_seq) where conversation_id is not null;
