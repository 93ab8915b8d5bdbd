package org.rapport.customer;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.rapport.shared.Actor;
import org.rapport.shared.CustomerId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Writes and reads the customer audit trail. Writes join the caller's transaction. */
@Component
class CustomerAudit {

    private final JdbcClient jdbc;
    private final Clock clock;

    CustomerAudit(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    void record(CustomerId customer, Actor actor, String field, Object before, Object after) {
        if (Objects.equals(before, after)) {
            return;
        }
        jdbc.sql("""
                INSERT INTO customer_audit (customer_id, actor_kind, actor_id, actor_label, field, before, after, at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        customer.value(),
                        actor.kind().name(),
                        actor.id(),
                        actor.label(),
                        field,
                        before == null ? null : before.toString(),
                        after == null ? null : after.toString(),
                        Timestamp.from(clock.instant()))
                .update();
    }

    List<CustomerAuditEntry> entries(CustomerId customer) {
        return jdbc.sql("""
                SELECT id, actor_kind, actor_id, actor_label, field, before, after, at
                FROM customer_audit WHERE customer_id = ? ORDER BY id""")
                .param(customer.value())
                .query((rs, n) -> new CustomerAuditEntry(
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
}
