package org.rapport.ticket;

import java.util.Set;
import org.rapport.shared.AgentId;
import org.rapport.shared.TeamId;

/**
 * Which tickets a viewer may see: all of them, or those of the viewer's teams, those with no team yet
 * (the triage pool) and those assigned to the viewer.
 */
public record TicketScope(boolean all, AgentId agent, Set<TeamId> teams) {

    public static final TicketScope ALL = new TicketScope(true, null, Set.of());

    public static TicketScope of(AgentId agent, Set<TeamId> teams) {
        return new TicketScope(false, agent, Set.copyOf(teams));
    }

    public boolean covers(Ticket ticket) {
        return all
                || ticket.team() == null
                || teams.contains(ticket.team())
                || (agent != null && agent.equals(ticket.assignee()));
    }

    Long[] teamIds() {
        return teams.stream().map(TeamId::value).toArray(Long[]::new);
    }
}
