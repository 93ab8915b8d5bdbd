package org.rapport.ticket;

import java.util.List;
import org.rapport.shared.Actor;
import org.rapport.shared.CustomerId;
import org.rapport.shared.TicketId;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The people in a conversation besides the ticket's customer (those the customer copied). Channels add
 * them; they get replies in copy and may write on the ticket themselves.
 */
@Service
@Transactional
public class TicketParticipants {

    private final TicketStore store;

    TicketParticipants(TicketStore store) {
        this.store = store;
    }

    /** Adds a participant; the ticket's own customer and someone already in are left as they are. */
    public boolean add(TicketId ticket, CustomerId customer, Actor actor) {
        int added = store.jdbc()
                .sql("""
                        INSERT INTO ticket_participant (ticket_id, customer_id)
                        SELECT id, ? FROM ticket WHERE id = ? AND customer_id <> ?
                        ON CONFLICT DO NOTHING""")
                .params(customer.value(), ticket.value(), customer.value())
                .update();
        if (added > 0) {
            store.audit(ticket, actor, "participant", null, customer, store.now());
        }
        return added > 0;
    }

    @Transactional(readOnly = true)
    public List<CustomerId> of(TicketId ticket) {
        return store.jdbc()
                .sql("SELECT customer_id FROM ticket_participant WHERE ticket_id = ? ORDER BY added_at, customer_id")
                .param(ticket.value())
                .query((rs, n) -> new CustomerId(rs.getLong(1)))
                .list();
    }
}
