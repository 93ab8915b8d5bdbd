package org.rapport.ticket;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.rapport.shared.AgentId;
import org.rapport.shared.ChannelKind;
import org.rapport.shared.CustomerId;
import org.rapport.shared.TeamId;
import org.rapport.shared.TicketId;

/** What others read of a ticket. */
public record Ticket(
        TicketId id,
        long number,
        String subject,
        CustomerId customer,
        ChannelKind channel,
        TicketStatus status,
        Priority priority,
        TeamId team,
        AgentId assignee,
        List<String> tags,
        Map<String, Object> customFields,
        TicketId mergedInto,
        TicketId followUpOf,
        TicketId splitFrom,
        long version,
        Instant createdAt,
        Instant updatedAt,
        Instant firstResponseAt,
        Instant solvedAt,
        Instant lastCustomerMessageAt) {

    /** Since when the customer has been waiting for us: their latest message, or the ticket's opening. */
    public Instant waitingSince() {
        return lastCustomerMessageAt != null ? lastCustomerMessageAt : createdAt;
    }
}
