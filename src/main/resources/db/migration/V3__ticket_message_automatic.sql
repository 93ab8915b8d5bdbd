-- Messages a machine sent on the customer's side (auto-replies, out-of-office): shown, never acted on.
ALTER TABLE ticket_message ADD COLUMN automatic BOOLEAN NOT NULL DEFAULT FALSE;
