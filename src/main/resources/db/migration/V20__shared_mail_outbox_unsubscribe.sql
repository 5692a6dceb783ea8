-- Notices and reminders name the page where their recipient turns them off (List-Unsubscribe, RFC 2369);
-- account mail (verification, password reset) has none and leaves it null.
alter table mail_outbox add column list_unsubscribe varchar(300);
