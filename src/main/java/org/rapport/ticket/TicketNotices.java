package org.rapport.ticket;

import java.time.Instant;
import java.util.List;
import org.rapport.agent.Agent;
import org.rapport.agent.AgentQueries;
import org.rapport.agent.Role;
import org.rapport.shared.AgentId;
import org.rapport.shared.TicketId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Notices to agents about a ticket that needs them: abuse flagged, a promise overdue. They wait in the
 * agent's workspace until read; other modules write them, the ticket module knows nothing of why.
 */
@Service
public class TicketNotices {

    /** One notice as the workspace shows it. */
    public record Notice(long id, TicketId ticket, long ticketNumber, String kind, String text, Instant createdAt) {}

    private static final int MAX_TEXT = 500;

    private final JdbcClient jdbc;
    private final AgentQueries agents;

    TicketNotices(JdbcClient jdbc, AgentQueries agents) {
        this.jdbc = jdbc;
        this.agents = agents;
    }

    @Transactional
    public void notify(AgentId agent, TicketId ticket, String kind, String text) {
        jdbc.sql("INSERT INTO ticket_notice (agent_id, ticket_id, kind, text) VALUES (?, ?, ?, ?)")
                .params(
                        agent.value(),
                        ticket.value(),
                        kind,
                        text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text)
                .update();
    }

    /**
     * Tells every active supervisor; with none, every active admin, so a notice never goes nowhere.
     * Returns who was told.
     */
    @Transactional
    public List<AgentId> notifySupervisors(TicketId ticket, String kind, String text) {
        List<Agent> active = agents.all().stream().filter(Agent::active).toList();
        List<AgentId> supervisors = active.stream()
                .filter(a -> a.role() == Role.SUPERVISOR)
                .map(Agent::id)
                .toList();
        List<AgentId> told = supervisors.isEmpty()
                ? active.stream()
                        .filter(a -> a.role() == Role.ADMIN)
                        .map(Agent::id)
                        .toList()
                : supervisors;
        told.forEach(agent -> notify(agent, ticket, kind, text));
        return told;
    }

    public List<Notice> unread(AgentId agent, int limit) {
        return jdbc.sql("""
                        SELECT n.id, n.ticket_id, t.number, n.kind, n.text, n.created_at
                        FROM ticket_notice n JOIN ticket t ON t.id = n.ticket_id
                        WHERE n.agent_id = ? AND n.read_at IS NULL ORDER BY n.id DESC LIMIT ?""")
                .params(agent.value(), limit)
                .query((rs, i) -> new Notice(
                        rs.getLong(1),
                        new TicketId(rs.getLong(2)),
                        rs.getLong(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getTimestamp(6).toInstant()))
                .list();
    }

    public long unreadCount(AgentId agent) {
        return jdbc.sql("SELECT count(*) FROM ticket_notice WHERE agent_id = ? AND read_at IS NULL")
                .param(agent.value())
                .query(Long.class)
                .single();
    }

    /** Marks the agent's notice read; another agent's notice is left alone. */
    @Transactional
    public boolean markRead(AgentId agent, long notice) {
        return jdbc.sql("UPDATE ticket_notice SET read_at = now() WHERE id = ? AND agent_id = ? AND read_at IS NULL")
                        .params(notice, agent.value())
                        .update()
                > 0;
    }

    @Transactional
    public void markAllRead(AgentId agent) {
        jdbc.sql("UPDATE ticket_notice SET read_at = now() WHERE agent_id = ? AND read_at IS NULL")
                .param(agent.value())
                .update();
    }
}
