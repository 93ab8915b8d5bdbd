package org.rapport;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.rapport.access.ApiTokens;
import org.rapport.access.Scope;
import org.rapport.agent.AgentDetails;
import org.rapport.agent.AgentService;
import org.rapport.agent.Role;
import org.rapport.shared.AgentId;
import org.rapport.shared.TeamId;
import org.springframework.stereotype.Component;

/** Test fixtures for people: fresh teams, agents in them and their API tokens. */
@Component
public class Accounts {

    private final AgentService agents;
    private final ApiTokens tokens;

    Accounts(AgentService agents, ApiTokens tokens) {
        this.agents = agents;
        this.tokens = tokens;
    }

    /** An agent (with a token of the given scopes) in a team of their own. */
    public record Account(AgentId agent, TeamId team, String token, String email) {}

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public TeamId newTeam() {
        return agents.createTeam(unique("team"));
    }

    public Account inNewTeam(Role role, Scope... scopes) {
        return inTeam(newTeam(), role, scopes);
    }

    public Account inTeam(TeamId team, Role role, Scope... scopes) {
        String email = unique("agent") + "@example.com";
        AgentId agent =
                agents.create(new AgentDetails(email, "Agent " + unique("a"), role, Set.of(team), List.of(), 10, true));
        return new Account(agent, team, token(agent, scopes), email);
    }

    public String token(AgentId agent, Scope... scopes) {
        Set<Scope> granted = scopes.length == 0 ? EnumSet.of(Scope.READ, Scope.WRITE) : EnumSet.copyOf(List.of(scopes));
        return tokens.create(agent, unique("token"), granted).secret();
    }
}
