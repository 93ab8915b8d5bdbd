-- What each inbound customer message shows (module analysis): the main scores as columns for queries, and
-- the whole result (labels, cues with their spans) as JSON.
-- Keyed by message: merges and splits move messages between tickets, the analysis stays with the message.
CREATE TABLE message_analysis (
    message_id     BIGINT PRIMARY KEY REFERENCES ticket_message (id),
    analysed       BOOLEAN NOT NULL,
    language       TEXT NOT NULL,
    valence        REAL NOT NULL,
    anger          REAL NOT NULL,
    worry          REAL NOT NULL,
    gratitude      REAL NOT NULL,
    urgent         BOOLEAN NOT NULL,
    escalation     TEXT[] NOT NULL DEFAULT '{}',
    abuse_category TEXT NOT NULL,
    abuse_severity TEXT NOT NULL,
    abuse_target   TEXT NOT NULL,
    result         JSONB NOT NULL,
    analysed_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX message_analysis_abusive_idx ON message_analysis (message_id) WHERE abuse_category <> 'none';

-- How far the catch-up scan has checked that every customer message has its analysis.
CREATE TABLE analysis_progress (
    id            INT PRIMARY KEY CHECK (id = 1),
    checked_up_to BIGINT NOT NULL
);
INSERT INTO analysis_progress (id, checked_up_to) VALUES (1, 0);

-- Notices to agents about tickets (module ticket): abuse flagged, a promise overdue. Read in the workspace.
CREATE TABLE ticket_notice (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    agent_id   BIGINT NOT NULL REFERENCES agent (id),
    ticket_id  BIGINT NOT NULL REFERENCES ticket (id),
    kind       TEXT NOT NULL,
    text       TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    read_at    TIMESTAMPTZ
);
CREATE INDEX ticket_notice_unread_idx ON ticket_notice (agent_id, id) WHERE read_at IS NULL;

-- The abuse shield's settings (module wellbeing): route abusive senders to designated agents, and the
-- boundary-setting reply agents may answer abuse with.
CREATE TABLE wellbeing_settings (
    id             INT PRIMARY KEY CHECK (id = 1),
    route_abusive  BOOLEAN NOT NULL DEFAULT FALSE,
    handlers       BIGINT[] NOT NULL DEFAULT '{}',
    boundary_macro TEXT NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
INSERT INTO wellbeing_settings (id, boundary_macro) VALUES (1,
'I want to help you sort this out, and I will. I can only do that if we keep the conversation respectful, so I''ll ask you not to use insults or threats towards me or my colleagues. If it happens again I will have to end this conversation and a colleague will take over in writing.');
