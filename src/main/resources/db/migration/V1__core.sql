-- Rapport core schema. Each module owns the tables carrying its name.

-- Spring Modulith's event publication registry (schema v2 of spring-modulith-events-jdbc 2.0).
CREATE TABLE event_publication (
    id                     UUID NOT NULL PRIMARY KEY,
    listener_id            TEXT NOT NULL,
    event_type             TEXT NOT NULL,
    serialized_event       TEXT NOT NULL,
    publication_date       TIMESTAMPTZ NOT NULL,
    completion_date        TIMESTAMPTZ,
    status                 TEXT,
    completion_attempts    INT,
    last_resubmission_date TIMESTAMPTZ
);
CREATE INDEX event_publication_serialized_event_hash_idx ON event_publication USING hash (serialized_event);
CREATE INDEX event_publication_by_completion_date_idx ON event_publication (completion_date);

-- files
CREATE TABLE files_blob (
    sha256     TEXT PRIMARY KEY,
    size       BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- customer
CREATE TABLE customer_organization (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX customer_organization_name_key ON customer_organization (lower(name));

CREATE TABLE customer (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name            TEXT NOT NULL,
    organization_id BIGINT REFERENCES customer_organization (id),
    language        TEXT,
    time_zone       TEXT,
    notes           TEXT NOT NULL DEFAULT '',
    tags            TEXT[] NOT NULL DEFAULT '{}',
    merged_into_id  BIGINT REFERENCES customer (id),
    version         BIGINT NOT NULL DEFAULT 1,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX customer_name_idx ON customer (lower(name));
CREATE INDEX customer_updated_idx ON customer (updated_at DESC, id DESC);

CREATE TABLE customer_identity (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id BIGINT NOT NULL REFERENCES customer (id),
    kind        TEXT NOT NULL,
    value       TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT customer_identity_unique UNIQUE (kind, value)
);
CREATE INDEX customer_identity_customer_idx ON customer_identity (customer_id);

CREATE TABLE customer_audit (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id BIGINT NOT NULL REFERENCES customer (id),
    actor_kind  TEXT NOT NULL,
    actor_id    BIGINT,
    actor_label TEXT NOT NULL,
    field       TEXT NOT NULL,
    before      TEXT,
    after       TEXT,
    at          TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX customer_audit_customer_idx ON customer_audit (customer_id, id);

-- agent
CREATE TABLE agent_team (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX agent_team_name_key ON agent_team (lower(name));

CREATE TABLE agent (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email      TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL,
    role       TEXT NOT NULL,
    skills     TEXT[] NOT NULL DEFAULT '{}',
    capacity   INT NOT NULL DEFAULT 10,
    presence   TEXT NOT NULL DEFAULT 'OFFLINE',
    active     BOOLEAN NOT NULL DEFAULT TRUE,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE agent_team_member (
    agent_id BIGINT NOT NULL REFERENCES agent (id),
    team_id  BIGINT NOT NULL REFERENCES agent_team (id),
    PRIMARY KEY (agent_id, team_id)
);
CREATE INDEX agent_team_member_team_idx ON agent_team_member (team_id);

-- ticket
CREATE SEQUENCE ticket_number_seq START WITH 10001;

CREATE TABLE ticket (
    id                 BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    number             BIGINT NOT NULL UNIQUE DEFAULT nextval('ticket_number_seq'),
    subject            TEXT NOT NULL,
    customer_id        BIGINT NOT NULL,
    channel            TEXT NOT NULL,
    status             TEXT NOT NULL,
    priority           TEXT NOT NULL,
    priority_rank      SMALLINT NOT NULL,
    team_id            BIGINT,
    assignee_id        BIGINT,
    tags               TEXT[] NOT NULL DEFAULT '{}',
    custom_fields      JSONB NOT NULL DEFAULT '{}',
    merged_into_id     BIGINT REFERENCES ticket (id),
    follow_up_of_id    BIGINT REFERENCES ticket (id),
    split_from_id      BIGINT REFERENCES ticket (id),
    version            BIGINT NOT NULL DEFAULT 1,
    created_at         TIMESTAMPTZ NOT NULL,
    updated_at         TIMESTAMPTZ NOT NULL,
    first_response_at  TIMESTAMPTZ,
    solved_at          TIMESTAMPTZ,
    last_customer_message_at TIMESTAMPTZ
);
CREATE INDEX ticket_customer_idx ON ticket (customer_id, created_at DESC);
CREATE INDEX ticket_status_updated_idx ON ticket (status, updated_at DESC, id DESC);
CREATE INDEX ticket_team_idx ON ticket (team_id, updated_at DESC, id DESC);
CREATE INDEX ticket_assignee_idx ON ticket (assignee_id, updated_at DESC, id DESC);
CREATE INDEX ticket_created_idx ON ticket (created_at DESC, id DESC);
CREATE INDEX ticket_updated_idx ON ticket (updated_at DESC, id DESC);
-- Only tagged tickets: untagged ones would all pile onto GIN's single "empty" entry, a hot spot under
-- concurrent creates. Queries add "tags <> '{}'" so the planner can use it.
CREATE INDEX ticket_tags_idx ON ticket USING gin (tags) WHERE tags <> '{}';

CREATE TABLE ticket_message (
    id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ticket_id         BIGINT NOT NULL REFERENCES ticket (id),
    original_ticket_id BIGINT NOT NULL REFERENCES ticket (id),
    kind              TEXT NOT NULL,
    direction         TEXT NOT NULL,
    author_kind       TEXT NOT NULL,
    author_id         BIGINT,
    channel           TEXT NOT NULL,
    body_text         TEXT NOT NULL,
    body_html         TEXT,
    created_at        TIMESTAMPTZ NOT NULL
);
CREATE INDEX ticket_message_ticket_idx ON ticket_message (ticket_id, created_at, id);

CREATE TABLE ticket_attachment (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    message_id  BIGINT NOT NULL REFERENCES ticket_message (id),
    file_name   TEXT NOT NULL,
    media_type  TEXT NOT NULL,
    size        BIGINT NOT NULL,
    sha256      TEXT NOT NULL
);
CREATE INDEX ticket_attachment_message_idx ON ticket_attachment (message_id);

CREATE TABLE ticket_field (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    key        TEXT NOT NULL UNIQUE,
    label      TEXT NOT NULL,
    type       TEXT NOT NULL,
    choices    TEXT[] NOT NULL DEFAULT '{}',
    active     BOOLEAN NOT NULL DEFAULT TRUE,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE ticket_audit (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ticket_id   BIGINT NOT NULL REFERENCES ticket (id),
    actor_kind  TEXT NOT NULL,
    actor_id    BIGINT,
    actor_label TEXT NOT NULL,
    field       TEXT NOT NULL,
    before      TEXT,
    after       TEXT,
    at          TIMESTAMPTZ NOT NULL
);
CREATE INDEX ticket_audit_ticket_idx ON ticket_audit (ticket_id, id);

-- access
CREATE TABLE access_credential (
    agent_id      BIGINT PRIMARY KEY REFERENCES agent (id),
    password_hash TEXT NOT NULL,
    must_change   BOOLEAN NOT NULL DEFAULT FALSE,
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE access_api_token (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    agent_id     BIGINT NOT NULL REFERENCES agent (id),
    name         TEXT NOT NULL,
    secret_hash  TEXT NOT NULL UNIQUE,
    hint         TEXT NOT NULL,
    scopes       TEXT[] NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_used_at TIMESTAMPTZ,
    revoked_at   TIMESTAMPTZ
);

-- api
CREATE TABLE api_idempotency (
    principal    TEXT NOT NULL,
    key          TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    status       INT,
    location     TEXT,
    etag         TEXT,
    body         TEXT,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (principal, key)
);
CREATE INDEX api_idempotency_created_idx ON api_idempotency (created_at);
