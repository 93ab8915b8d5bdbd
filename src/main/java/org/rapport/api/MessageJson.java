package org.rapport.api;

import java.time.Instant;
import java.util.List;
import org.rapport.shared.ChannelKind;
import org.rapport.ticket.AuthorKind;
import org.rapport.ticket.Direction;
import org.rapport.ticket.Message;
import org.rapport.ticket.MessageKind;

/** A message as the API shows it; HTML is the sanitised version. */
record MessageJson(
        long id,
        long ticketId,
        long originalTicketId,
        MessageKind kind,
        Direction direction,
        AuthorKind authorKind,
        Long authorId,
        ChannelKind channel,
        String text,
        String html,
        List<AttachmentJson> attachments,
        Instant createdAt,
        boolean automatic) {

    record AttachmentJson(long id, String fileName, String mediaType, long size, String sha256, String url) {}

    static MessageJson of(Message m) {
        return new MessageJson(
                m.id().value(),
                m.ticket().value(),
                m.originalTicket().value(),
                m.kind(),
                m.direction(),
                m.authorKind(),
                m.authorId(),
                m.channel(),
                m.text(),
                m.html(),
                m.attachments().stream()
                        .map(a -> new AttachmentJson(
                                a.id(),
                                a.fileName(),
                                a.mediaType(),
                                a.size(),
                                a.sha256(),
                                "/api/v1/tickets/" + m.ticket().value() + "/messages/" + m.id().value()
                                        + "/attachments/" + a.id()))
                        .toList(),
                m.createdAt(),
                m.automatic());
    }
}
