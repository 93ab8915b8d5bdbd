package org.rapport.ticket;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.rapport.customer.CustomersMerged;
import org.rapport.shared.Actor;
import org.rapport.shared.ConflictException;
import org.rapport.shared.MessageId;
import org.rapport.shared.NotFoundException;
import org.rapport.shared.Texts;
import org.rapport.shared.TicketId;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Merges tickets, splits a message out into a new ticket, and follows customer merges. */
@Service
@Transactional
public class TicketMerges {

    private final TicketStore store;

    TicketMerges(TicketStore store) {
        this.store = store;
    }

    /**
     * Moves every message of {@code merged} into {@code survivor}; the merged ticket is closed and points
     * at the survivor. Each message remembers the ticket it was first written on.
     */
    public void merge(TicketId merged, TicketId survivor, Actor actor) {
        if (merged.equals(survivor)) {
            throw new ConflictException("a ticket cannot be merged into itself");
        }
        boolean mergedFirst = merged.value() < survivor.value();
        Ticket first = store.lock(mergedFirst ? merged : survivor, null);
        Ticket second = store.lock(mergedFirst ? survivor : merged, null);
        Ticket source = mergedFirst ? first : second;
        Ticket target = mergedFirst ? second : first;
        if (source.mergedInto() != null) {
            throw new ConflictException("ticket " + merged.value() + " was already merged into "
                    + source.mergedInto().value());
        }
        if (target.mergedInto() != null) {
            throw new ConflictException("ticket " + survivor.value() + " was merged into "
                    + target.mergedInto().value() + ": merge into that one");
        }
        Instant now = store.now();
        int moved = store.jdbc()
                .sql("UPDATE ticket_message SET ticket_id = ? WHERE ticket_id = ?")
                .params(survivor.value(), merged.value())
                .update();
        store.jdbc()
                .sql("UPDATE ticket SET merged_into_id = ? WHERE id = ?")
                .params(survivor.value(), merged.value())
                .update();
        // Whoever was copied on the merged conversation is part of the surviving one.
        store.jdbc()
                .sql("""
                        INSERT INTO ticket_participant (ticket_id, customer_id)
                        SELECT ?, customer_id FROM ticket_participant WHERE ticket_id = ?
                          AND customer_id <> (SELECT customer_id FROM ticket WHERE id = ?)
                        ON CONFLICT DO NOTHING""")
                .params(survivor.value(), merged.value(), survivor.value())
                .update();
        store.changeStatus(source, TicketStatus.CLOSED, actor, now);
        store.audit(merged, actor, "merged_into", null, survivor, now);
        store.audit(survivor, actor, "merged_from", null, merged.value() + " (" + moved + " messages)", now);
        store.bump(merged, now);
        store.bump(survivor, now);
        store.publish(new TicketsMerged(merged, survivor));
    }

    /** Moves one message into a new ticket of the same customer, which links back to its source. */
    public TicketId split(TicketId source, MessageId message, Actor actor) {
        Ticket ticket = store.lock(source, null);
        List<Long> messages = store.jdbc()
                .sql("SELECT id FROM ticket_message WHERE ticket_id = ? ORDER BY created_at, id")
                .param(source.value())
                .query(Long.class)
                .list();
        if (!messages.contains(message.value())) {
            throw new NotFoundException("Message", message.value() + " on ticket " + source.value());
        }
        if (messages.size() == 1) {
            throw new ConflictException("the only message of a ticket cannot be split out");
        }
        Instant now = store.now();
        var row = store.jdbc()
                .sql("""
                INSERT INTO ticket (subject, customer_id, channel, status, priority, priority_rank, team_id, tags, split_from_id, created_at, updated_at)
                SELECT ?, customer_id, channel, 'OPEN', priority, priority_rank, team_id, tags, id, ?, ? FROM ticket WHERE id = ?
                RETURNING id, number""")
                .params(
                        Texts.abbreviate("Split: " + ticket.subject(), TicketService.MAX_SUBJECT - 1),
                        Timestamp.from(now),
                        Timestamp.from(now),
                        source.value())
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)})
                .single();
        TicketId created = new TicketId(row[0]);
        store.jdbc()
                .sql("UPDATE ticket_message SET ticket_id = ? WHERE id = ?")
                .params(created.value(), message.value())
                .update();
        store.audit(created, actor, "created", null, "#" + row[1] + " split from #" + ticket.number(), now);
        store.audit(source, actor, "split", "message " + message.value(), "#" + row[1], now);
        store.bump(source, now);
        store.publish(new TicketOpened(
                created, row[1], ticket.customer(), ticket.channel(), ticket.team(), ticket.priority(), message));
        store.publish(new TicketSplit(source, created, message));
        return created;
    }

    /** A customer merge moves that customer's tickets; durable through the event publication registry. */
    @ApplicationModuleListener
    void on(CustomersMerged event) {
        List<Long> tickets = store.jdbc()
                .sql("SELECT id FROM ticket WHERE customer_id = ? ORDER BY id FOR UPDATE")
                .param(event.merged().value())
                .query(Long.class)
                .list();
        Instant now = store.now();
        for (Long id : tickets) {
            store.jdbc()
                    .sql("UPDATE ticket SET customer_id = ? WHERE id = ?")
                    .params(event.survivor().value(), id)
                    .update();
            store.audit(new TicketId(id), event.actor(), "customer", event.merged(), event.survivor(), now);
            store.bump(new TicketId(id), now);
        }
        store.jdbc()
                .sql("""
                        INSERT INTO ticket_participant (ticket_id, customer_id, added_at)
                        SELECT ticket_id, ?, added_at FROM ticket_participant WHERE customer_id = ?
                        ON CONFLICT DO NOTHING""")
                .params(event.survivor().value(), event.merged().value())
                .update();
        store.jdbc()
                .sql("DELETE FROM ticket_participant WHERE customer_id = ?")
                .param(event.merged().value())
                .update();
    }
}
