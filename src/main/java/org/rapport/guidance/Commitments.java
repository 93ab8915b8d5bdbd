package org.rapport.guidance;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.rapport.shared.Actor;
import org.rapport.shared.AgentId;
import org.rapport.shared.InvalidValueException;
import org.rapport.shared.MessageId;
import org.rapport.shared.NotFoundException;
import org.rapport.shared.TicketId;
import org.rapport.ticket.AgentReplied;
import org.rapport.ticket.Message;
import org.rapport.ticket.Ticket;
import org.rapport.ticket.TicketNotices;
import org.rapport.ticket.TicketQueries;
import org.rapport.ticket.TicketScope;
import org.rapport.ticket.TicketService;
import org.rapport.ticket.TicketsMerged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Promises become commitments: when a reply is sent, the promises in it are read with their due dates (in
 * the team's business hours) and kept on the ticket until the agent marks them kept or dismisses a wrong
 * reading. One past its due date tells the agent and the supervisors, once.
 */
@Service
public class Commitments {

    private static final Logger log = LoggerFactory.getLogger(Commitments.class);
    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");
    private static final String COLUMNS = """
            c.id, c.ticket_id, c.ticket_number, c.message_id, c.agent_id, c.kind, c.quote, c.due_text, c.due_at, c.state,
            c.corrected, c.created_at""";

    private final JdbcClient jdbc;
    private final TicketQueries tickets;
    private final TicketService service;
    private final TicketNotices notices;
    private final PromiseExtractor extractor;
    private final BusinessCalendars calendars;
    private final ApplicationEventPublisher events;

    Commitments(
            JdbcClient jdbc,
            TicketQueries tickets,
            TicketService service,
            TicketNotices notices,
            PromiseExtractor extractor,
            BusinessCalendars calendars,
            ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.tickets = tickets;
        this.service = service;
        this.notices = notices;
        this.extractor = extractor;
        this.calendars = calendars;
        this.events = events;
    }

    /** In the transaction that sends the reply: the promises are on record with the reply or not at all. */
    @EventListener
    void on(AgentReplied event) {
        Message message = tickets.message(event.message(), TicketScope.ALL).orElse(null);
        Ticket ticket = tickets.find(event.ticket(), TicketScope.ALL).orElse(null);
        if (message == null || ticket == null) {
            return;
        }
        try {
            record(ticket, message, event.agent());
        } catch (RuntimeException e) {
            // Reading promises must never cost the customer their reply: the reply goes out, the agent can
            // still see their promises in the text.
            log.warn("Could not read the promises of message {}", message.id().value(), e);
        }
    }

    /** A merge moves the messages, so the promises made in them move too: in the merge's own transaction. */
    @EventListener
    void on(TicketsMerged event) {
        tickets.find(event.survivor(), TicketScope.ALL)
                .ifPresent(survivor -> jdbc.sql(
                                "UPDATE guidance_commitment SET ticket_id = ?, ticket_number = ? WHERE ticket_id = ?")
                        .params(
                                survivor.id().value(),
                                survivor.number(),
                                event.merged().value())
                        .update());
    }

    int record(Ticket ticket, Message message, AgentId agent) {
        BusinessHours hours = calendars.of(ticket.team());
        int count = 0;
        for (Promise promise : extractor.extract(message.text())) {
            String dueText = promise.due() == null ? null : promise.due().text();
            Instant due = due(dueText, message.createdAt(), hours);
            jdbc.sql("""
                            INSERT INTO guidance_commitment (ticket_id, ticket_number, message_id, agent_id, kind, quote, due_text,
                              due_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(
                            ticket.id().value(),
                            ticket.number(),
                            message.id().value(),
                            agent == null ? null : agent.value(),
                            promise.kind(),
                            promise.quote().text(),
                            dueText,
                            due == null ? null : Timestamp.from(due))
                    .update();
            count++;
        }
        return count;
    }

    /**
     * When a promise is due. No time said ("straight away", "we'll send a new one") still holds us to the
     * close of the next business day: a promise without a date is the one customers chase.
     */
    static Instant due(String dueText, Instant sentAt, BusinessHours hours) {
        var sent = sentAt.atZone(hours.zone());
        if (dueText != null) {
            var resolved = DueDates.resolve(dueText, sent, hours);
            if (resolved.isPresent()) {
                return resolved.get();
            }
        }
        return DueDates.resolve("by the end of tomorrow", sent, hours)
                .orElse(sentAt.plus(java.time.Duration.ofDays(1)));
    }

    public List<Commitment> of(TicketId ticket) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM guidance_commitment c WHERE c.ticket_id = ? ORDER BY c.id")
                .param(ticket.value())
                .query(this::commitment)
                .list();
    }

    /** The agent's open promises, soonest due first (overdue at the top). */
    public List<Commitment> openFor(AgentId agent, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + """
                         FROM guidance_commitment c
                        WHERE c.agent_id = ? AND c.state = 'open' ORDER BY c.due_at NULLS LAST, c.id LIMIT ?""")
                .params(agent.value(), limit)
                .query(this::commitment)
                .list();
    }

    /** Every open promise past due, for supervisors. */
    public List<Commitment> overdue(Instant now, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + """
                         FROM guidance_commitment c
                        WHERE c.state = 'open' AND c.due_at < ? ORDER BY c.due_at, c.id LIMIT ?""")
                .params(Timestamp.from(now), limit)
                .query(this::commitment)
                .list();
    }

    public Commitment get(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM guidance_commitment c WHERE c.id = ?")
                .param(id)
                .query(this::commitment)
                .optional()
                .orElseThrow(() -> new NotFoundException("Commitment", id));
    }

    /** The agent read the due date differently: theirs stands, and the trail says so. */
    @Transactional
    public void correct(long id, Instant due, Actor actor) {
        if (due == null || due.isBefore(EARLIEST) || due.isAfter(LATEST)) {
            throw new InvalidValueException("due", "a due date and time between 2000 and 2200");
        }
        Commitment c = get(id);
        jdbc.sql("UPDATE guidance_commitment SET due_at = ?, corrected = TRUE, overdue_alerted_at = NULL WHERE id = ?")
                .params(Timestamp.from(due), id)
                .update();
        service.audit(c.ticket(), actor, "commitment " + id + " due", String.valueOf(c.dueAt()), due.toString());
    }

    @Transactional
    public void close(long id, String state, Actor actor) {
        if (!state.equals("kept") && !state.equals("dismissed") && !state.equals("open")) {
            throw new InvalidValueException("state", "kept, dismissed or open");
        }
        Commitment c = get(id);
        jdbc.sql("UPDATE guidance_commitment SET state = ?, closed_at = CASE WHEN ? = 'open' THEN NULL ELSE now() END,"
                        + " closed_by = ? WHERE id = ?")
                .params(state, state, actor.kind() == Actor.Kind.AGENT ? actor.id() : null, id)
                .update();
        service.audit(c.ticket(), actor, "commitment " + id, c.state(), state);
    }

    /** Tells the agent and the supervisors about each promise that has just become overdue, once. */
    @Scheduled(fixedDelayString = "${rapport.guidance.overdue-check:PT1M}", initialDelayString = "PT20S")
    @Transactional
    public int alertOverdue() {
        List<Commitment> due =
                jdbc.sql("SELECT " + COLUMNS + """
                         FROM guidance_commitment c
                        WHERE c.state = 'open' AND c.overdue_alerted_at IS NULL AND c.due_at < now()
                        ORDER BY c.due_at LIMIT 500 FOR UPDATE OF c SKIP LOCKED""").query(this::commitment).list();
        for (Commitment c : due) {
            String text = "Ticket #" + c.ticketNumber() + ": the promise \"" + shorten(c.quote()) + "\" is overdue.";
            if (c.agent() != null) {
                notices.notify(c.agent(), c.ticket(), "overdue", text);
            }
            notices.notifySupervisors(c.ticket(), "overdue", text);
            jdbc.sql("UPDATE guidance_commitment SET overdue_alerted_at = now() WHERE id = ?")
                    .param(c.id())
                    .update();
            events.publishEvent(new CommitmentDue(c.id(), c.ticket(), c.agent(), c.quote()));
        }
        if (!due.isEmpty()) {
            log.info("{} promise(s) became overdue", due.size());
        }
        return due.size();
    }

    private static String shorten(String quote) {
        return quote.length() > 120 ? quote.substring(0, 119) + "…" : quote;
    }

    private Commitment commitment(ResultSet rs, int row) throws SQLException {
        Timestamp due = rs.getTimestamp("due_at");
        return new Commitment(
                rs.getLong("id"),
                new TicketId(rs.getLong("ticket_id")),
                rs.getLong("ticket_number"),
                new MessageId(rs.getLong("message_id")),
                rs.getObject("agent_id") == null ? null : new AgentId(rs.getLong("agent_id")),
                rs.getString("kind"),
                rs.getString("quote"),
                rs.getString("due_text"),
                due == null ? null : due.toInstant(),
                rs.getString("state"),
                rs.getBoolean("corrected"),
                rs.getTimestamp("created_at").toInstant());
    }
}
