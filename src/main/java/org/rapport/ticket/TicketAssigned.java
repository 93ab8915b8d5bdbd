package org.rapport.ticket;

import org.rapport.shared.AgentId;
import org.rapport.shared.TeamId;
import org.rapport.shared.TicketId;

/** A ticket's team or assignee changed. */
public record TicketAssigned(TicketId ticket, TeamId team, AgentId assignee, AgentId previousAssignee)
        implements TicketEvents {}
