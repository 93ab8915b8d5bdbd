-- The inbox's views are about active tickets, a few percent of a mature help desk's table, in
-- "waiting longest" order. Two partial indexes over just those keep the first page and the capped counts
-- cheap at millions of tickets (the list SQL writes statuses as literals so the planner can use them):
-- one in waiting order for the status views, one by assignee and team for "Mine" and "Unassigned in my
-- teams". Only two, because every index costs each ticket create.
CREATE INDEX ticket_active_waiting_idx ON ticket (waiting_since, id)
    WHERE status IN ('NEW', 'OPEN', 'PENDING', 'ON_HOLD') AND merged_into_id IS NULL;
CREATE INDEX ticket_active_assignee_idx ON ticket (assignee_id, team_id, waiting_since, id)
    WHERE status IN ('NEW', 'OPEN', 'PENDING', 'ON_HOLD') AND merged_into_id IS NULL;
