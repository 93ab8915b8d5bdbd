package org.rapport.ticket;

import java.util.List;
import org.rapport.shared.ChannelKind;

/**
 * A message to add. {@code text} or {@code html} (or both) must be given; HTML is sanitised before it
 * is stored and a plain text version is derived from it when no text is given.
 */
public record NewMessage(
        MessageKind kind,
        Direction direction,
        AuthorKind authorKind,
        Long authorId,
        ChannelKind channel,
        String text,
        String html,
        List<NewAttachment> attachments) {

    public static NewMessage fromCustomer(long customerId, ChannelKind channel, String text) {
        return new NewMessage(
                MessageKind.REPLY, Direction.INBOUND, AuthorKind.CUSTOMER, customerId, channel, text, null, List.of());
    }

    public static NewMessage replyFromAgent(long agentId, String text) {
        return new NewMessage(
                MessageKind.REPLY, Direction.OUTBOUND, AuthorKind.AGENT, agentId, null, text, null, List.of());
    }

    public static NewMessage noteFromAgent(long agentId, String text) {
        return new NewMessage(
                MessageKind.NOTE, Direction.OUTBOUND, AuthorKind.AGENT, agentId, null, text, null, List.of());
    }
}
