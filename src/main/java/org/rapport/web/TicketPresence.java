package org.rapport.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.rapport.shared.AgentId;
import org.rapport.shared.TicketId;
import org.springframework.stereotype.Component;

/**
 * Who has a ticket open and who is typing a reply on it, so two agents do not answer the same customer
 * at once. Held in memory: it is about the last few seconds, not a record.
 */
@Component
class TicketPresence {

    /** Typing that has not been confirmed for this long is over. */
    static final Duration TYPING_FOR = Duration.ofSeconds(20);

    record Here(AgentId agent, String name, int views, Instant typingUntil) {
        boolean typing(Instant now) {
            return typingUntil != null && typingUntil.isAfter(now);
        }
    }

    private final Clock clock;
    private final Map<TicketId, Map<AgentId, Here>> tickets = new ConcurrentHashMap<>();

    TicketPresence(Clock clock) {
        this.clock = clock;
    }

    void arrived(TicketId ticket, AgentId agent, String name) {
        tickets.computeIfAbsent(ticket, t -> new ConcurrentHashMap<>())
                .merge(
                        agent,
                        new Here(agent, name, 1, null),
                        (old, added) -> new Here(agent, name, old.views() + 1, old.typingUntil()));
    }

    void left(TicketId ticket, AgentId agent) {
        tickets.computeIfPresent(ticket, (t, here) -> {
            here.computeIfPresent(
                    agent,
                    (a, old) -> old.views() <= 1 ? null : new Here(a, old.name(), old.views() - 1, old.typingUntil()));
            return here.isEmpty() ? null : here;
        });
    }

    /** Returns whether anything others see changed. */
    boolean typing(TicketId ticket, AgentId agent, String name, boolean typing) {
        Instant until = typing ? clock.instant().plus(TYPING_FOR) : null;
        Map<AgentId, Here> here = tickets.computeIfAbsent(ticket, t -> new ConcurrentHashMap<>());
        Here before = here.get(agent);
        boolean wasTyping = before != null && before.typing(clock.instant());
        here.merge(agent, new Here(agent, name, 0, until), (old, added) -> new Here(agent, name, old.views(), until));
        return wasTyping != typing;
    }

    /** Everyone on the ticket but {@code viewer}, in name order. */
    List<Here> others(TicketId ticket, AgentId viewer) {
        Map<AgentId, Here> here = tickets.getOrDefault(ticket, Map.of());
        Instant now = clock.instant();
        return here.values().stream()
                .filter(h -> !h.agent().equals(viewer))
                .filter(h -> h.views() > 0 || h.typing(now))
                .sorted(Comparator.comparing(Here::name))
                .toList();
    }

    Instant now() {
        return clock.instant();
    }
}
