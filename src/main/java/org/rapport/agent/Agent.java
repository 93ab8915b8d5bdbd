package org.rapport.agent;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.rapport.shared.AgentId;
import org.rapport.shared.TeamId;

/** What others read of an agent. */
public record Agent(
        AgentId id,
        String email,
        String name,
        Role role,
        Set<TeamId> teams,
        List<String> skills,
        int capacity,
        Presence presence,
        boolean active,
        Instant createdAt) {}
