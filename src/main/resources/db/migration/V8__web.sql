-- A per-install secret that signs remember-me cookies (access) and the agents' saved inbox views (web).
CREATE TABLE access_secret (
    id     INT PRIMARY KEY CHECK (id = 1),
    secret TEXT NOT NULL
);

CREATE TABLE web_saved_view (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    agent_id   BIGINT NOT NULL REFERENCES agent (id),
    name       TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
    query      TEXT NOT NULL CHECK (length(query) <= 2000),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX web_saved_view_name_key ON web_saved_view (agent_id, lower(name));

-- The inbox's default order is "waiting longest first": since the customer's latest message, or since the
-- ticket was opened when the customer has not written.
ALTER TABLE ticket ADD COLUMN waiting_since TIMESTAMPTZ
    GENERATED ALWAYS AS (coalesce(last_customer_message_at, created_at)) STORED;
