-- An address that bounced is marked, so agents see it before they rely on it; mail from it clears the mark.
ALTER TABLE customer_identity ADD COLUMN failing_since TIMESTAMPTZ;
ALTER TABLE customer_identity ADD COLUMN failure TEXT;
