package org.rapport.agent;

import java.util.List;
import java.util.Set;
import org.rapport.shared.TeamId;

/** Editable fields of an agent; in an update a {@code null} field is left as it is. */
public record AgentDetails(
        String email,
        String name,
        Role role,
        Set<TeamId> teams,
        List<String> skills,
        Integer capacity,
        Boolean active) {}
