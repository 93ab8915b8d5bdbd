-- Customers who wrote abusively (module wellbeing), so their next tickets can go to designated agents too.
CREATE TABLE wellbeing_abusive_sender (
    customer_id   BIGINT PRIMARY KEY REFERENCES customer (id) ON DELETE CASCADE,
    last_abuse_at TIMESTAMPTZ NOT NULL,
    messages      INT NOT NULL DEFAULT 1
);
