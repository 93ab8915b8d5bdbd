-- The inbox's views are about active tickets, a few percent of a mature help desk's table, in
-- "waiting longest" order. Partial indexes over just those keep the first page and the capped counts
-- cheap at millions of tickets (the list SQL writes statuses as literals so the planner can use them).
DROP INDEX IF EXISTS ticket_status_waiting_idx;
CREATE INDEX ticket_active_waiting_idx ON ticket (waiting_since, id)
    WHERE status IN ('NEW', 'OPEN', 'PENDING', 'ON_HOLD') AND merged_into_id IS NULL;
CREATE INDEX ticket_active_assignee_idx ON ticket (assignee_id, waiting_since, id)
    WHERE status IN ('NEW', 'OPEN', 'PENDING', 'ON_HOLD') AND merged_into_id IS NULL;
CREATE INDEX ticket_active_unassigned_idx ON ticket (team_id, waiting_since, id)
    WHERE status IN ('NEW', 'OPEN', 'PENDING', 'ON_HOLD') AND merged_into_id IS NULL AND assignee_id IS NULL;
