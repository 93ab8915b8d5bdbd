-- The email channel (module email). Raw bytes live in files_blob; these rows say what became of them.

-- Every message received, stored before the SMTP 250 (or IMAP delete). dedupe_key is the Message-ID,
-- or the SHA-256 of the raw bytes when there is none: the same mail twice (redelivery, To + Cc) is one row.
CREATE TABLE email_inbound (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    dedupe_key   TEXT NOT NULL UNIQUE,
    mailbox      TEXT NOT NULL,
    source       TEXT NOT NULL,
    sha256       TEXT NOT NULL,
    size         BIGINT NOT NULL,
    state        TEXT NOT NULL,
    reason       TEXT,
    limit_hit    TEXT,
    ticket_id    BIGINT,
    message_id   BIGINT,
    attempts     INT NOT NULL DEFAULT 0,
    received_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    processed_at TIMESTAMPTZ
);
CREATE INDEX email_inbound_pending_idx ON email_inbound (id) WHERE state = 'RECEIVED';
CREATE INDEX email_inbound_quarantine_idx ON email_inbound (id DESC) WHERE state = 'QUARANTINED';

-- Message-IDs we have seen or sent, for threading by In-Reply-To / References.
CREATE TABLE email_thread (
    message_id_header TEXT PRIMARY KEY,
    ticket_id         BIGINT NOT NULL,
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- The secret that signs ticket tokens in subjects; made once, on first use.
CREATE TABLE email_secret (
    id     INT PRIMARY KEY CHECK (id = 1),
    secret TEXT NOT NULL
);
