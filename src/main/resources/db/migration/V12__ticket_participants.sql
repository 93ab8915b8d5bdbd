-- People in a conversation besides the ticket's customer: whoever the customer copied (Cc) on email.
-- They get the agents' replies in copy, and their own replies join the ticket.
CREATE TABLE ticket_participant (
    ticket_id   BIGINT NOT NULL REFERENCES ticket (id),
    customer_id BIGINT NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
    added_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (ticket_id, customer_id)
);

ALTER TABLE email_outbound ADD COLUMN cc_addresses TEXT;
