-- Polled mailboxes (module mail): how far each IMAP folder was read, and which POP3 messages were
-- taken from a mailbox that keeps its mail on the server.
CREATE TABLE mail_mailbox_state (
    mailbox      TEXT PRIMARY KEY,
    uid_validity BIGINT NOT NULL,
    last_uid     BIGINT NOT NULL
);

CREATE TABLE mail_pop3_seen (
    mailbox TEXT NOT NULL,
    uidl    TEXT NOT NULL,
    seen_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (mailbox, uidl)
);
