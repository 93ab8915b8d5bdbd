-- One outbound email per agent reply, even when the AgentReplied event is delivered twice.
CREATE UNIQUE INDEX email_outbound_reply_once ON email_outbound (message_id) WHERE kind = 'REPLY';
CREATE INDEX email_thread_ticket_idx ON email_thread (ticket_id, created_at);
