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

    /** What a person with this role sees: every team for supervisors and admins, their own otherwise. */
    public static TicketScope of(org.rapport.agent.Role role, AgentId agent, Set<TeamId> teams) {
        return role.seesAllTeams() ? ALL : of(agent, teams);
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
