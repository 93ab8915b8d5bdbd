package org.rapport.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.rapport.shared.ChannelKind;
import org.rapport.ticket.Priority;
import org.rapport.ticket.Ticket;
import org.rapport.ticket.TicketStatus;

/** A ticket as the API shows it. */
record TicketJson(
        long id,
        long number,
        String subject,
        long customerId,
        ChannelKind channel,
        TicketStatus status,
        Priority priority,
        Long teamId,
        Long assigneeId,
        List<String> tags,
        Map<String, Object> customFields,
        Long mergedIntoId,
        Long followUpOfId,
        Long splitFromId,
        long version,
        Instant createdAt,
        Instant updatedAt,
        Instant firstResponseAt,
        Instant solvedAt,
        Instant lastCustomerMessageAt) {

    static TicketJson of(Ticket t) {
        return new TicketJson(
                t.id().value(),
                t.number(),
                t.subject(),
                t.customer().value(),
                t.channel(),
                t.status(),
                t.priority(),
                t.team() == null ? null : t.team().value(),
                t.assignee() == null ? null : t.assignee().value(),
                t.tags(),
                t.customFields(),
                t.mergedInto() == null ? null : t.mergedInto().value(),
                t.followUpOf() == null ? null : t.followUpOf().value(),
                t.splitFrom() == null ? null : t.splitFrom().value(),
                t.version(),
                t.createdAt(),
                t.updatedAt(),
                t.firstResponseAt(),
                t.solvedAt(),
                t.lastCustomerMessageAt());
    }
}
