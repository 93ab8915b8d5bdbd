-- Outbound mail: the outbox. The Message-ID is assigned when the row is written, before the first try,
-- so a retry after a crash sends the same message again, never a second one with a new identity.
CREATE TABLE email_outbound (
    id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind              TEXT NOT NULL,
    ticket_id         BIGINT NOT NULL,
    message_id        BIGINT,
    message_id_header TEXT NOT NULL UNIQUE,
    to_address        TEXT NOT NULL,
    subject           TEXT NOT NULL,
    body_text         TEXT NOT NULL,
    in_reply_to       TEXT,
    references_header TEXT,
    state             TEXT NOT NULL,
    attempts          INT NOT NULL DEFAULT 0,
    next_attempt_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_error        TEXT,
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    sent_at           TIMESTAMPTZ
);
CREATE INDEX email_outbound_due_idx ON email_outbound (next_attempt_at) WHERE state = 'PENDING';
CREATE INDEX email_outbound_ack_idx ON email_outbound (to_address, created_at) WHERE kind = 'ACKNOWLEDGEMENT';
CREATE INDEX email_outbound_ticket_idx ON email_outbound (ticket_id);
