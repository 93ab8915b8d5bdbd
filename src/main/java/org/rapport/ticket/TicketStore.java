package org.rapport.ticket;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.rapport.files.BlobStore;
import org.rapport.files.StoredBlob;
import org.rapport.shared.Actor;
import org.rapport.shared.ChannelKind;
import org.rapport.shared.InvalidValueException;
import org.rapport.shared.MessageId;
import org.rapport.shared.NotFoundException;
import org.rapport.shared.StaleVersionException;
import org.rapport.shared.Texts;
import org.rapport.shared.TicketId;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The row-level steps every ticket change is made of: lock, write a message, change status, bump. */
@Component
class TicketStore {

    static final int MAX_ATTACHMENTS = 50;
    static final int MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;

    private final JdbcClient jdbc;
    private final TicketQueries queries;
    private final TicketAudit audit;
    private final BlobStore blobs;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    TicketStore(
            JdbcClient jdbc,
            TicketQueries queries,
            TicketAudit audit,
            BlobStore blobs,
            ApplicationEventPublisher events,
            Clock clock) {
        this.jdbc = jdbc;
        this.queries = queries;
        this.audit = audit;
        this.blobs = blobs;
        this.events = events;
        this.clock = clock;
    }

    /** Now, at the database's precision, so that cursors built from stored times compare exactly. */
    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    Ticket lock(TicketId id, Long expectedVersion) {
        Ticket ticket = jdbc.sql("SELECT " + TicketQueries.COLUMNS + " FROM ticket WHERE id = ? FOR UPDATE")
                .param(id.value())
                .query(queries::row)
                .optional()
                .orElseThrow(() -> new NotFoundException("Ticket", id.value()));
        if (expectedVersion != null && expectedVersion != ticket.version()) {
            throw new StaleVersionException("Ticket", id.value(), expectedVersion, ticket.version());
        }
        return ticket;
    }

    MessageId insertMessage(TicketId ticket, NewMessage message, ChannelKind channel, Instant at) {
        return insertMessage(ticket, message, channel, at, false);
    }

    MessageId insertMessage(TicketId ticket, NewMessage message, ChannelKind channel, Instant at, boolean automatic) {
        if (message.kind() == null || message.direction() == null || message.authorKind() == null) {
            throw new InvalidValueException("message", "a message needs a kind, a direction and an author");
        }
        MessageBodies.Body body = MessageBodies.of(message.text(), message.html());
        List<NewAttachment> attachments = message.attachments() == null ? List.of() : message.attachments();
        if (attachments.size() > MAX_ATTACHMENTS) {
            throw new InvalidValueException("attachments", "at most " + MAX_ATTACHMENTS + " attachments per message");
        }
        long id = jdbc.sql("""
                INSERT INTO ticket_message (ticket_id, original_ticket_id, kind, direction, author_kind, author_id, channel, body_text, body_html, created_at, automatic)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(
                        ticket.value(),
                        ticket.value(),
                        message.kind().name(),
                        message.direction().name(),
                        message.authorKind().name(),
                        message.authorId(),
                        channel.name(),
                        body.text(),
                        body.html(),
                        Timestamp.from(at),
                        automatic)
                .query(Long.class)
                .single();
        for (NewAttachment attachment : attachments) {
            attach(id, attachment);
        }
        return new MessageId(id);
    }

    private void attach(long messageId, NewAttachment attachment) {
        String name = Texts.line("attachments.fileName", attachment.fileName(), 255, true);
        if (name.contains("/") || name.contains("\\") || name.equals(".") || name.equals("..")) {
            throw new InvalidValueException("attachments.fileName", "a file name must not contain a path");
        }
        if (attachment.content() == null || attachment.content().length > MAX_ATTACHMENT_BYTES) {
            throw new InvalidValueException(
                    "attachments.content",
                    "an attachment must have content of at most " + MAX_ATTACHMENT_BYTES + " bytes");
        }
        String type = attachment.mediaType() == null || !attachment.mediaType().matches("[\\w.+-]+/[\\w.+-]+")
                ? "application/octet-stream"
                : attachment.mediaType().toLowerCase(java.util.Locale.ROOT);
        StoredBlob blob = blobs.store(attachment.content());
        jdbc.sql(
                        "INSERT INTO ticket_attachment (message_id, file_name, media_type, size, sha256) VALUES (?, ?, ?, ?, ?)")
                .params(messageId, name, type, blob.size(), blob.sha256())
                .update();
    }

    void changeStatus(Ticket ticket, TicketStatus to, Actor actor, Instant at) {
        if (ticket.status() == to) {
            return;
        }
        jdbc.sql("""
                UPDATE ticket SET status = ?,
                  solved_at = CASE WHEN ? = 'SOLVED' THEN CAST(? AS TIMESTAMPTZ) WHEN ? IN ('NEW', 'OPEN', 'PENDING', 'ON_HOLD') THEN NULL ELSE solved_at END
                WHERE id = ?""")
                .params(
                        to.name(),
                        to.name(),
                        Timestamp.from(at),
                        to.name(),
                        ticket.id().value())
                .update();
        audit.record(ticket.id(), actor, "status", ticket.status(), to, at);
        events.publishEvent(new TicketStatusChanged(ticket.id(), ticket.status(), to));
    }

    void bump(TicketId id, Instant at) {
        bump(id, at, false);
    }

    /** A new version; {@code customerMessage} also marks {@code at} as when the customer last wrote. */
    void bump(TicketId id, Instant at, boolean customerMessage) {
        Timestamp time = Timestamp.from(at);
        if (customerMessage) {
            jdbc.sql(
                            "UPDATE ticket SET version = version + 1, updated_at = ?, last_customer_message_at = ? WHERE id = ?")
                    .params(time, time, id.value())
                    .update();
        } else {
            jdbc.sql("UPDATE ticket SET version = version + 1, updated_at = ? WHERE id = ?")
                    .params(time, id.value())
                    .update();
        }
    }

    void audit(TicketId id, Actor actor, String field, Object before, Object after, Instant at) {
        audit.record(id, actor, field, before, after, at);
    }

    void publish(Object event) {
        events.publishEvent(event);
    }

    JdbcClient jdbc() {
        return jdbc;
    }
}
