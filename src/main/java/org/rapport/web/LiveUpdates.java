package org.rapport.web;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.rapport.access.Caller;
import org.rapport.shared.TicketId;
import org.rapport.ticket.AgentReplied;
import org.rapport.ticket.CustomerReplied;
import org.rapport.ticket.InternalNoteAdded;
import org.rapport.ticket.Ticket;
import org.rapport.ticket.TicketAssigned;
import org.rapport.ticket.TicketEvents;
import org.rapport.ticket.TicketOpened;
import org.rapport.ticket.TicketQueries;
import org.rapport.ticket.TicketScope;
import org.rapport.ticket.TicketSplit;
import org.rapport.ticket.TicketStatusChanged;
import org.rapport.ticket.TicketsMerged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.util.HtmlUtils;

/**
 * Server-sent events to open pages: "tickets" when a ticket the viewer may see changed (the inbox reloads
 * its rows), "ticket" to the pages of that ticket, and "presence" with who else is on it. Events are sent
 * after the change is committed, so a page that reloads sees it. A plain listener, not a durable one: a
 * missed live update costs nothing that a reload does not fix.
 */
@Component
class LiveUpdates {

    private static final Logger log = LoggerFactory.getLogger(LiveUpdates.class);
    private static final Duration CONNECTION_FOR = Duration.ofMinutes(30);

    record Subscriber(SseEmitter emitter, Caller caller, TicketId ticket, Runnable gone) {}

    private final TicketQueries tickets;
    private final TicketPresence presence;
    private final Set<Subscriber> subscribers = new CopyOnWriteArraySet<>();

    LiveUpdates(TicketQueries tickets, TicketPresence presence) {
        this.tickets = tickets;
        this.presence = presence;
    }

    SseEmitter subscribe(Caller caller, TicketId ticket) {
        SseEmitter emitter = new SseEmitter(CONNECTION_FOR.toMillis());
        AtomicBoolean left = new AtomicBoolean();
        AtomicReference<Subscriber> self = new AtomicReference<>();
        Runnable gone = () -> {
            if (left.compareAndSet(false, true)) {
                subscribers.remove(self.get());
                if (ticket != null) {
                    presence.left(ticket, caller.agent());
                }
            }
        };
        Subscriber subscriber = new Subscriber(emitter, caller, ticket, gone);
        self.set(subscriber);
        Runnable closed = () -> {
            gone.run();
            if (ticket != null) {
                presenceChanged(ticket);
            }
        };
        emitter.onCompletion(closed);
        emitter.onTimeout(closed);
        emitter.onError(e -> closed.run());
        subscribers.add(subscriber);
        send(subscriber, SseEmitter.event().comment("connected"));
        if (ticket != null) {
            presence.arrived(ticket, caller.agent(), caller.agentName());
            presenceChanged(ticket);
        }
        return emitter;
    }

    @EventListener
    void on(TicketEvents event) {
        List<TicketId> changed = switch (event) {
            case TicketOpened e -> List.of(e.ticket());
            case CustomerReplied e -> List.of(e.ticket());
            case AgentReplied e -> List.of(e.ticket());
            case InternalNoteAdded e -> List.of(e.ticket());
            case TicketAssigned e -> List.of(e.ticket());
            case TicketStatusChanged e -> List.of(e.ticket());
            case TicketsMerged e -> List.of(e.merged(), e.survivor());
            case TicketSplit e -> List.of(e.source(), e.created());
        };
        String kind = event instanceof CustomerReplied ? "customer-message" : "changed";
        if (subscribers.isEmpty()) {
            return;
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    try {
                        changed.forEach(id -> ticketChanged(id, kind));
                    } catch (RuntimeException e) {
                        // The change is committed; a missed live update must not turn it into an error.
                        log.warn("Live update after a ticket change failed", e);
                    }
                }
            });
        } else {
            changed.forEach(id -> ticketChanged(id, kind));
        }
    }

    void ticketChanged(TicketId id, String kind) {
        Optional<Ticket> ticket;
        try {
            ticket = tickets.find(id, TicketScope.ALL);
        } catch (RuntimeException e) {
            log.debug("Live update for ticket {} skipped", id.value(), e);
            return;
        }
        if (ticket.isEmpty()) {
            return;
        }
        for (Subscriber subscriber : subscribers) {
            if (!WebConfiguration.scope(subscriber.caller()).covers(ticket.get())) {
                continue;
            }
            if (id.equals(subscriber.ticket())) {
                send(subscriber, SseEmitter.event().name("ticket").data(kind));
            } else if (subscriber.ticket() == null) {
                send(subscriber, SseEmitter.event().name("tickets").data(String.valueOf(id.value())));
            }
        }
    }

    void presenceChanged(TicketId ticket) {
        for (Subscriber subscriber : subscribers) {
            if (ticket.equals(subscriber.ticket())) {
                send(subscriber, SseEmitter.event().name("presence").data(presenceHtml(ticket, subscriber.caller())));
            }
        }
    }

    /** The "also here" line for one viewer, as escaped HTML (htmx swaps it into the page). */
    String presenceHtml(TicketId ticket, Caller viewer) {
        Instant now = presence.now();
        List<TicketPresence.Here> others = presence.others(ticket, viewer.agent());
        if (others.isEmpty()) {
            return "<span class=\"presence-none\">Nobody else is on this ticket.</span>";
        }
        return others.stream()
                .map(h -> "<span class=\"presence-agent" + (h.typing(now) ? " typing" : "") + "\">"
                        + HtmlUtils.htmlEscape(h.name())
                        + (h.typing(now) ? " is typing a reply" : " is viewing") + "</span>")
                .collect(Collectors.joining(" ", "<strong>Also here:</strong> ", ""));
    }

    /** Keeps idle connections open through proxies and finds the closed ones. */
    @Scheduled(fixedDelay = 20_000)
    void heartbeat() {
        subscribers.forEach(s -> send(s, SseEmitter.event().comment("ping")));
    }

    int subscriberCount() {
        return subscribers.size();
    }

    private void send(Subscriber subscriber, SseEmitter.SseEventBuilder event) {
        try {
            synchronized (subscriber) {
                subscriber.emitter().send(event);
            }
        } catch (IOException | RuntimeException e) {
            // The page went away (closed tab, network): forget it. Never fail the change that caused this.
            subscriber.gone().run();
            try {
                subscriber.emitter().completeWithError(e);
            } catch (RuntimeException alreadyOver) {
                log.trace("Event stream already closed", alreadyOver);
            }
        }
    }
}
