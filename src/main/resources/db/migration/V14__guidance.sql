-- Accountability policies (module guidance): what the company can and will do for a kind of complaint.
-- A change makes a new version under the same key; assessments keep pointing at the version they rested on.
CREATE TABLE guidance_policy (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    key              TEXT NOT NULL,
    version          INT NOT NULL,
    name             TEXT NOT NULL,
    complaint_kind   TEXT NOT NULL,
    keywords         TEXT[] NOT NULL DEFAULT '{}',
    refund_max       NUMERIC(12, 2),
    refund_days      INT,
    remedies         TEXT[] NOT NULL DEFAULT '{}',
    supervisor_above NUMERIC(12, 2),
    wording          TEXT NOT NULL DEFAULT '',
    active           BOOLEAN NOT NULL DEFAULT TRUE,
    created_by       BIGINT REFERENCES agent (id),
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (key, version)
);

-- Is the complaint justified? Set by the agent, resting on a policy version where one applies.
CREATE TABLE ticket_assessment (
    ticket_id  BIGINT PRIMARY KEY REFERENCES ticket (id),
    verdict    TEXT NOT NULL,
    reason     TEXT NOT NULL DEFAULT '',
    policy_id  BIGINT REFERENCES guidance_policy (id),
    set_by     BIGINT REFERENCES agent (id),
    set_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Promises made in sent replies, with their due dates: kept, dismissed (not a promise) or still open.
CREATE TABLE commitment (
    id                 BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ticket_id          BIGINT NOT NULL REFERENCES ticket (id),
    message_id         BIGINT NOT NULL REFERENCES ticket_message (id),
    agent_id           BIGINT REFERENCES agent (id),
    kind               TEXT NOT NULL,
    quote              TEXT NOT NULL,
    due_text           TEXT,
    due_at             TIMESTAMPTZ,
    state              TEXT NOT NULL DEFAULT 'open',
    corrected          BOOLEAN NOT NULL DEFAULT FALSE,
    overdue_alerted_at TIMESTAMPTZ,
    created_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    closed_at          TIMESTAMPTZ,
    closed_by          BIGINT REFERENCES agent (id)
);
CREATE INDEX commitment_ticket_idx ON commitment (ticket_id, id);
CREATE INDEX commitment_agent_open_idx ON commitment (agent_id, due_at) WHERE state = 'open';
CREATE INDEX commitment_overdue_idx ON commitment (due_at) WHERE state = 'open' AND overdue_alerted_at IS NULL;

-- When a team works, for due dates such as "within 3 business days". Teams without a row use the default.
CREATE TABLE team_business_hours (
    team_id BIGINT PRIMARY KEY REFERENCES agent_team (id),
    zone    TEXT NOT NULL,
    days    TEXT NOT NULL,
    opens   TIME NOT NULL,
    closes  TIME NOT NULL
);
