package org.rapport.ticket;

import java.time.Instant;
import java.util.List;
import org.rapport.shared.ChannelKind;
import org.rapport.shared.MessageId;
import org.rapport.shared.TicketId;

/**
 * One entry in a ticket's conversation. The HTML body, when present, is already sanitised; {@code automatic}
 * marks what a machine sent on the customer's side.
 */
public record Message(
        MessageId id,
        TicketId ticket,
        TicketId originalTicket,
        MessageKind kind,
        Direction direction,
        AuthorKind authorKind,
        Long authorId,
        ChannelKind channel,
        String text,
        String html,
        List<Attachment> attachments,
        Instant createdAt,
        boolean automatic) {}
