package org.rapport.analysis;

import java.util.stream.Collectors;
import org.rapport.shared.Actor;
import org.rapport.shared.TicketId;
import org.rapport.ticket.Ticket;
import org.rapport.ticket.TicketQueries;
import org.rapport.ticket.TicketScope;
import org.rapport.ticket.TicketService;
import org.springframework.stereotype.Component;

/**
 * The ticket-level rule: a customer who is highly frustrated (and urgent, by default) should not wait in
 * line behind routine questions. Raises the priority, never lowers it, and says why in the audit trail.
 */
@Component
class PriorityBump {

    private final TicketQueries tickets;
    private final TicketService service;
    private final AnalysisProperties.Bump rule;

    PriorityBump(TicketQueries tickets, TicketService service, AnalysisProperties properties) {
        this.tickets = tickets;
        this.service = service;
        this.rule = properties.bump();
    }

    /** True when the ticket's priority was raised. */
    boolean apply(TicketId id, Analysis analysis) {
        if (!rule.enabled() || analysis.anger() < rule.minAnger() || (rule.needsUrgency() && !analysis.urgent())) {
            return false;
        }
        Ticket ticket = tickets.find(id, TicketScope.ALL).orElse(null);
        if (ticket == null
                || ticket.mergedInto() != null
                || ticket.priority().rank() >= rule.to().rank()) {
            return false;
        }
        String because = analysis.cues().stream()
                .filter(c -> c.label().startsWith("anger") || c.label().equals("urgency"))
                .filter(c -> !Analysis.insideAbuse(analysis, c)) // the audit trail must not repeat masked words
                .map(c -> "\"" + c.span().text() + "\"")
                .distinct()
                .limit(4)
                .collect(Collectors.joining(", "));
        String label = String.format(
                java.util.Locale.ROOT,
                "analysis: anger %.2f%s (%s)",
                analysis.anger(),
                analysis.urgent() ? " and urgency" : "",
                because);
        // Decided on the priority just read: one set meanwhile is not overwritten.
        return service.raisePriority(
                ticket,
                rule.to(),
                new Actor(Actor.Kind.SYSTEM, null, label.length() > 200 ? label.substring(0, 200) : label));
    }
}
