-- One draft per author, conversation and thread (a null thread: the letter that starts a new thread), so
-- that saves racing from two tabs update one draft instead of leaving two. NULLS NOT DISTINCT needs
-- PostgreSQL 15 (H2 2.2 knows it too).
alter table letter_draft add constraint letter_draft_author_thread_uk unique nulls not distinct (author_id, conversation_id, thread_id);
