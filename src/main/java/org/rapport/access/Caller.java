package org.rapport.access;

import java.util.Set;
import org.rapport.agent.Role;
import org.rapport.shared.Actor;
import org.rapport.shared.AgentId;
import org.rapport.shared.TeamId;

/**
 * The authenticated caller of a request: the agent it acts for, with their role and teams, and the API
 * token it came with (null for a signed-in person).
 */
public record Caller(
        AgentId agent,
        String agentName,
        Role role,
        Set<TeamId> teams,
        Long tokenId,
        String tokenName,
        Set<Scope> scopes) {

    public boolean may(Scope scope) {
        return scopes.contains(scope);
    }

    public boolean isAdmin() {
        return role.administers();
    }

    /** How the caller appears in audit trails. */
    public Actor actor() {
        return tokenId == null
                ? Actor.agent(agent, agentName)
                : Actor.apiToken(tokenId, "token '" + tokenName + "' of " + agentName);
    }

    /** A stable key for per-caller state (rate limits, idempotency keys). */
    public String key() {
        return tokenId == null ? "agent:" + agent.value() : "token:" + tokenId;
    }
}
