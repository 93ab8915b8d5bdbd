-- The ticket page offers each emailed message's original: found by its ticket message.
CREATE INDEX email_inbound_message_idx ON email_inbound (message_id) WHERE message_id IS NOT NULL;
