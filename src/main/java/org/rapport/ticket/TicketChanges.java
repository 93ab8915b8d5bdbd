package org.rapport.ticket;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rapport.shared.AgentId;
import org.rapport.shared.TeamId;

/**
 * Changes to a ticket's fields. A {@code null} field is left as it is; for team and assignee an empty
 * Optional clears it. In custom fields a null value removes that field.
 */
public record TicketChanges(
        String subject,
        TicketStatus status,
        Priority priority,
        Optional<TeamId> team,
        Optional<AgentId> assignee,
        List<String> tags,
        Map<String, Object> customFields) {

    public static TicketChanges status(TicketStatus status) {
        return new TicketChanges(null, status, null, null, null, null, null);
    }

    public static TicketChanges assign(TeamId team, AgentId assignee) {
        return new TicketChanges(
                null, null, null, Optional.ofNullable(team), Optional.ofNullable(assignee), null, null);
    }
}
