package org.rapport.guidance;

import java.time.Instant;
import org.rapport.shared.AgentId;
import org.rapport.shared.MessageId;
import org.rapport.shared.TicketId;

/**
 * A promise an agent made in a sent reply, and when it is due. {@code state}: open, kept, or dismissed (the
 * agent said it was not a promise); {@code corrected}: the agent changed the due date we read.
 */
public record Commitment(
        long id,
        TicketId ticket,
        long ticketNumber,
        MessageId message,
        AgentId agent,
        String kind,
        String quote,
        String dueText,
        Instant dueAt,
        String state,
        boolean corrected,
        Instant createdAt) {

    public boolean open() {
        return state.equals("open");
    }

    public boolean overdue(Instant now) {
        return open() && dueAt != null && dueAt.isBefore(now);
    }
}
