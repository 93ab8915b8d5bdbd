package org.rapport.wellbeing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.rapport.agent.Agent;
import org.rapport.agent.AgentQueries;
import org.rapport.analysis.Analysis;
import org.rapport.analysis.MessageAnalysed;
import org.rapport.shared.Actor;
import org.rapport.shared.AgentId;
import org.rapport.shared.CustomerId;
import org.rapport.shared.MessageId;
import org.rapport.shared.TeamId;
import org.rapport.shared.TicketId;
import org.rapport.ticket.Ticket;
import org.rapport.ticket.TicketChanges;
import org.rapport.ticket.TicketFilter;
import org.rapport.ticket.TicketNotices;
import org.rapport.ticket.TicketQueries;
import org.rapport.ticket.TicketScope;
import org.rapport.ticket.TicketService;
import org.rapport.ticket.TicketStatus;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What happens when a customer's message abuses people: the ticket is tagged {@value #TAG}, supervisors
 * are told, and, if an admin chose so, the ticket goes to the least-loaded designated agent, and so do
 * that sender's new tickets for {@value #REMEMBER_DAYS} days. Runs in the
 * transaction that stores the analysis, so a message is never half-handled.
 */
@Service
public class AbuseShield {

    public static final String TAG = "abusive";
    static final Actor SHIELD = new Actor(Actor.Kind.SYSTEM, null, "abuse shield");
    /** How long a sender counts as abusive for routing their new tickets. */
    static final int REMEMBER_DAYS = 90;

    private static final Set<TicketStatus> ACTIVE =
            Set.of(TicketStatus.NEW, TicketStatus.OPEN, TicketStatus.PENDING, TicketStatus.ON_HOLD);

    private final TicketQueries tickets;
    private final TicketService service;
    private final TicketNotices notices;
    private final AgentQueries agents;
    private final ShieldSettingsStore settings;
    private final JdbcClient jdbc;

    AbuseShield(
            TicketQueries tickets,
            TicketService service,
            TicketNotices notices,
            AgentQueries agents,
            ShieldSettingsStore settings,
            JdbcClient jdbc) {
        this.tickets = tickets;
        this.service = service;
        this.notices = notices;
        this.agents = agents;
        this.settings = settings;
        this.jdbc = jdbc;
    }

    @EventListener
    void on(MessageAnalysed event) {
        Analysis.Abuse abuse = event.analysis().abuse();
        if (!event.recent()) {
            return; // history analysed late: masked on the page, but nobody is told and nothing moves
        }
        if (!abuse.present()) {
            if (event.analysis().analysed() && settings.current().routeAbusive() && abusiveBefore(event.customer())) {
                // A sender who was abusive lately: with routing on, their new, unassigned tickets go to the
                // designated agents too. A ticket someone already holds stays where it is.
                tickets.find(event.ticket(), TicketScope.ALL)
                        .filter(t -> t.mergedInto() == null && t.assignee() == null)
                        .ifPresent(t -> route(t, "its customer wrote abusively before."));
            }
            return;
        }
        Ticket ticket = tickets.find(event.ticket(), TicketScope.ALL).orElse(null);
        if (ticket == null || ticket.mergedInto() != null) {
            return;
        }
        if (event.customer() != null) {
            jdbc.sql("""
                            INSERT INTO wellbeing_abusive_sender (customer_id, last_abuse_at) VALUES (?, now())
                            ON CONFLICT (customer_id) DO UPDATE SET last_abuse_at = now(),
                              messages = wellbeing_abusive_sender.messages + 1""").param(event.customer().value()).update();
        }
        if (!ticket.tags().contains(TAG)) {
            List<String> tags = new ArrayList<>(ticket.tags());
            tags.add(TAG);
            // With the version read: a tag an agent adds meanwhile is not overwritten (the conflict is retried).
            service.update(
                    ticket.id(), new TicketChanges(null, null, null, null, null, tags, null), ticket.version(), SHIELD);
        }
        String what = abuse.category() + " (" + abuse.severity() + ") aimed at "
                + switch (abuse.target()) {
                    case "agent" -> "the agent";
                    case "staff" -> "our staff";
                    case "company" -> "the company";
                    default -> abuse.target();
                };
        notices.notifySupervisors(
                ticket.id(), "abuse", "Ticket #" + ticket.number() + ": a customer message contains " + what + ".");
        route(ticket, "its customer wrote abusively.");
    }

    private boolean abusiveBefore(CustomerId customer) {
        return customer != null
                && jdbc.sql("""
                                SELECT count(*) FROM wellbeing_abusive_sender
                                WHERE customer_id = ? AND last_abuse_at > now() - make_interval(days => ?)""")
                                .params(customer.value(), REMEMBER_DAYS)
                                .query(Long.class)
                                .single()
                        > 0;
    }

    private void route(Ticket ticket, String because) {
        ShieldSettings chosen = settings.current();
        if (!chosen.routeAbusive() || chosen.handlers().contains(ticket.assignee())) {
            return;
        }
        List<Agent> handlers = chosen.handlers().stream()
                .map(agents::find)
                .flatMap(Optional::stream)
                .filter(Agent::active)
                .toList();
        Optional<Agent> least = handlers.stream().min(Comparator.comparingLong(this::load));
        if (least.isEmpty()) {
            return;
        }
        Agent handler = least.get();
        TeamId team = ticket.team() != null && handler.teams().contains(ticket.team())
                ? ticket.team()
                : handler.teams().stream().findFirst().orElse(null);
        service.update(ticket.id(), TicketChanges.assign(team, handler.id()), null, SHIELD);
        notices.notify(
                handler.id(), ticket.id(), "abuse", "Ticket #" + ticket.number() + " was routed to you: " + because);
    }

    private long load(Agent agent) {
        TicketFilter open = new TicketFilter(
                ACTIVE, Set.of(), Set.of(), Set.of(agent.id()), false, null, null, Set.of(), null, null, null, null);
        return tickets.count(open, TicketScope.ALL, 1000);
    }

    /** An agent chose to read an abusive passage: that is in the ticket's audit trail. */
    @Transactional
    public void revealed(TicketId ticket, MessageId message, AgentId agent, String agentName) {
        service.audit(ticket, Actor.agent(agent, agentName), "abuse revealed", null, "message " + message.value());
    }
}
