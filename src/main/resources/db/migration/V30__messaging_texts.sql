-- Texts (SMS) in the conversation: a TEXT item is a message that travelled by phone, from the client or
-- from the therapist through Haven's SMS link. It is numbered, sealed, read-marked and announced like a
-- chat message. text_state is what became of a text Haven sends (the texting module reports it); it is
-- null for texts that came in, and for a text not yet handed over. Only its state, never its words.
alter table conversation_item drop constraint conversation_item_kind_check;
alter table conversation_item add constraint conversation_item_kind_check check (kind in ('CHAT', 'LETTER', 'TEXT'));

alter table conversation_item add column text_state varchar(14);
alter table conversation_item add constraint conversation_item_text_state_check check (text_state is null
    or kind = 'TEXT' and text_state in ('QUEUED', 'SUBMITTED', 'DELIVERED', 'UNDELIVERABLE', 'EXPIRED', 'REJECTED',
    'UNCONFIRMED', 'FAILED'));
