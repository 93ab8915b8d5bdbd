package org.rapport.agent;

import java.util.List;
import org.rapport.shared.AgentId;
import org.rapport.shared.TeamId;

/** A team of agents; tickets belong to a team. */
public record Team(TeamId id, String name, List<AgentId> members) {}
