package org.rapport.ticket;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.rapport.shared.Actor;
import org.rapport.shared.TicketId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Writes and reads the ticket audit trail; writes join the caller's transaction. */
@Component
class TicketAudit {

    private final JdbcClient jdbc;

    TicketAudit(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void record(TicketId ticket, Actor actor, String field, Object before, Object after, Instant at) {
        if (Objects.equals(before, after)) {
            return;
        }
        jdbc.sql("""
                INSERT INTO ticket_audit (ticket_id, actor_kind, actor_id, actor_label, field, before, after, at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        ticket.value(),
                        actor.kind().name(),
                        actor.id(),
                        actor.label(),
                        field,
                        text(before),
                        text(after),
                        Timestamp.from(at))
                .update();
    }

    List<TicketAuditEntry> entries(TicketId ticket) {
        return jdbc.sql("""
                SELECT id, actor_kind, actor_id, actor_label, field, before, after, at
                FROM ticket_audit WHERE ticket_id = ? ORDER BY id""")
                .param(ticket.value())
                .query((rs, n) -> new TicketAuditEntry(
                        rs.getLong("id"),
                        new Actor(
                                Actor.Kind.valueOf(rs.getString("actor_kind")),
                                (Long) rs.getObject("actor_id"),
                                rs.getString("actor_label")),
                        rs.getString("field"),
                        rs.getString("before"),
                        rs.getString("after"),
                        rs.getTimestamp("at").toInstant()))
                .list();
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Enum<?> e) {
            return e.name().toLowerCase(java.util.Locale.ROOT);
        }
        if (value instanceof org.rapport.shared.TeamId t) {
            return Long.toString(t.value());
        }
        if (value instanceof org.rapport.shared.AgentId a) {
            return Long.toString(a.value());
        }
        if (value instanceof org.rapport.shared.TicketId t) {
            return Long.toString(t.value());
        }
        if (value instanceof org.rapport.shared.CustomerId c) {
            return Long.toString(c.value());
        }
        return value.toString();
    }
}
