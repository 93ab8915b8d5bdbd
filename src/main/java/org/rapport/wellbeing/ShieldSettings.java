package org.rapport.wellbeing;

import java.util.List;
import org.rapport.shared.AgentId;

/**
 * What an admin chose for the abuse shield: whether tickets with abuse go to designated agents (those
 * who volunteered or are trained for it), who they are, and the boundary-setting reply.
 */
public record ShieldSettings(boolean routeAbusive, List<AgentId> handlers, String boundaryMacro) {

    static final int MAX_MACRO = 4000;
}
