package org.rapport.email;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.rapport.shared.ConflictException;
import org.rapport.shared.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** What the channel could not take, for admins: look at it, retry it after a fix, or discard it. */
@Service
public class EmailQuarantine {

    private final JdbcClient jdbc;
    private final EmailProcessor processor;

    EmailQuarantine(JdbcClient jdbc, EmailProcessor processor) {
        this.jdbc = jdbc;
        this.processor = processor;
    }

    public List<InboundEmail> list(int limit) {
        return jdbc.sql("SELECT * FROM email_inbound WHERE state = 'QUARANTINED' ORDER BY id DESC LIMIT ?")
                .param(limit)
                .query(this::row)
                .list();
    }

    public long count() {
        return jdbc.sql("SELECT count(*) FROM email_inbound WHERE state = 'QUARANTINED'")
                .query(Long.class)
                .single();
    }

    /** The received email a ticket message came from, if it came by email. */
    public Optional<InboundEmail> findByTicketMessage(long messageId) {
        return jdbc.sql("SELECT * FROM email_inbound WHERE message_id = ? ORDER BY id LIMIT 1")
                .param(messageId)
                .query(this::row)
                .optional();
    }

    /** Which of these ticket messages came by email and have their original stored: one query. */
    public java.util.Set<Long> withOriginal(java.util.Collection<Long> messageIds) {
        if (messageIds.isEmpty()) {
            return java.util.Set.of();
        }
        return java.util.Set.copyOf(jdbc.sql("SELECT DISTINCT message_id FROM email_inbound WHERE message_id = ANY(?)")
                .param(messageIds.toArray(Long[]::new))
                .query(Long.class)
                .list());
    }

    public Optional<InboundEmail> find(long id) {
        return jdbc.sql("SELECT * FROM email_inbound WHERE id = ?")
                .param(id)
                .query(this::row)
                .optional();
    }

    /** Processes a quarantined message again, e.g. after raising a limit; returns what became of it. */
    public InboundEmail retry(long id) {
        requireQuarantined(id);
        jdbc.sql(
                        "UPDATE email_inbound SET state = 'RECEIVED', reason = NULL, limit_hit = NULL WHERE id = ? AND state = 'QUARANTINED'")
                .param(id)
                .update();
        processor.process(id);
        return find(id).orElseThrow();
    }

    public InboundEmail discard(long id) {
        requireQuarantined(id);
        jdbc.sql("UPDATE email_inbound SET state = 'DISCARDED' WHERE id = ? AND state = 'QUARANTINED'")
                .param(id)
                .update();
        return find(id).orElseThrow();
    }

    private void requireQuarantined(long id) {
        InboundEmail email = find(id).orElseThrow(() -> new NotFoundException("Quarantined email", id));
        if (email.state() != InboundEmail.State.QUARANTINED) {
            throw new ConflictException("email " + id + " is "
                    + email.state().name().toLowerCase(java.util.Locale.ROOT) + ", not quarantined");
        }
    }

    private InboundEmail row(ResultSet rs, int n) throws SQLException {
        return new InboundEmail(
                rs.getLong("id"),
                rs.getString("mailbox"),
                rs.getString("source"),
                rs.getString("sha256"),
                rs.getLong("size"),
                InboundEmail.State.valueOf(rs.getString("state")),
                rs.getString("reason"),
                rs.getString("limit_hit"),
                (Long) rs.getObject("ticket_id"),
                (Long) rs.getObject("message_id"),
                rs.getInt("attempts"),
                rs.getTimestamp("received_at").toInstant(),
                rs.getTimestamp("processed_at") == null
                        ? null
                        : rs.getTimestamp("processed_at").toInstant());
    }
}
