package org.rapport.email;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.rapport.customer.Customer;
import org.rapport.customer.CustomerQueries;
import org.rapport.customer.Identity;
import org.rapport.customer.IdentityKind;
import org.rapport.shared.ChannelKind;
import org.rapport.ticket.AgentReplied;
import org.rapport.ticket.Message;
import org.rapport.ticket.Ticket;
import org.rapport.ticket.TicketParticipants;
import org.rapport.ticket.TicketQueries;
import org.rapport.ticket.TicketScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;

/**
 * Puts outbound mail in the outbox: agents' replies on email tickets, and the acknowledgement of a new
 * ticket. Each row gets its Message-ID here, before the first try, and that Message-ID is recorded for
 * threading, so the customer's answer finds its ticket.
 */
@Service
public class EmailOutbox {

    private static final Logger log = LoggerFactory.getLogger(EmailOutbox.class);
    static final String REPLY = "REPLY";
    static final String ACKNOWLEDGEMENT = "ACKNOWLEDGEMENT";

    private final JdbcClient jdbc;
    private final TicketQueries tickets;
    private final CustomerQueries customers;
    private final TicketTokens tokens;
    private final EmailProperties properties;
    private final Clock clock;

    private final TicketParticipants participants;

    EmailOutbox(
            JdbcClient jdbc,
            TicketQueries tickets,
            CustomerQueries customers,
            TicketTokens tokens,
            EmailProperties properties,
            Clock clock,
            TicketParticipants participants) {
        this.participants = participants;
        this.jdbc = jdbc;
        this.tickets = tickets;
        this.customers = customers;
        this.tokens = tokens;
        this.properties = properties;
        this.clock = clock;
    }

    /** How each of these messages went out by email, for those that did. */
    public Map<Long, EmailDelivery> deliveries(Collection<Long> messageIds) {
        if (messageIds.isEmpty()) {
            return Map.of();
        }
        Map<Long, EmailDelivery> deliveries = new HashMap<>();
        jdbc.sql("""
                        SELECT message_id, state, attempts, last_error, sent_at FROM email_outbound
                        WHERE kind = 'REPLY' AND message_id = ANY(?)""")
                .param(messageIds.toArray(Long[]::new))
                .query((rs, n) -> new EmailDelivery(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getInt(3),
                        rs.getString(4),
                        rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant()))
                .list()
                .forEach(d -> deliveries.put(d.messageId(), d));
        return deliveries;
    }

    /** An agent's public reply on an email conversation goes out by email; durable through the event registry. */
    @ApplicationModuleListener
    void on(AgentReplied event) {
        if (event.channel() != ChannelKind.EMAIL || !properties.outbound().enabled()) {
            return;
        }
        Ticket ticket = tickets.find(event.ticket(), TicketScope.ALL).orElseThrow();
        Message message = tickets.message(event.message(), TicketScope.ALL).orElseThrow();
        Optional<String> to = emailOf(ticket);
        if (to.isEmpty()) {
            log.warn(
                    "Reply {} on ticket #{} not sent: the customer has no email address",
                    message.id().value(),
                    ticket.number());
            return;
        }
        enqueue(REPLY, ticket, message.id().value(), to.get(), copied(ticket, to.get()), message.text());
    }

    /**
     * Acknowledges a new ticket to the person who wrote, unless they already got as many acknowledgements
     * as the limits allow (a loop with another machine stops here).
     */
    void acknowledge(Ticket ticket, String to, String mailbox) {
        EmailProperties.Acknowledgement ack = properties.acknowledgement();
        Optional<String> template = ack.textFor(mailbox);
        if (template.isEmpty()
                || !properties.outbound().enabled()
                || to.equalsIgnoreCase(properties.outbound().from())) {
            return;
        }
        Timestamp now = Timestamp.from(clock.instant());
        int lastTenMinutes = recent(to, now, Duration.ofMinutes(10));
        int lastHour = recent(to, now, Duration.ofHours(1));
        if (lastTenMinutes >= ack.maxPer10Minutes() || lastHour >= ack.maxPerHour()) {
            log.info(
                    "No acknowledgement to {} for ticket #{}: {} in 10 minutes, {} in the hour",
                    to,
                    ticket.number(),
                    lastTenMinutes,
                    lastHour);
            return;
        }
        enqueue(
                ACKNOWLEDGEMENT,
                ticket,
                null,
                to,
                null,
                template.get()
                        .replace("{number}", Long.toString(ticket.number()))
                        .replace("{subject}", ticket.subject()));
    }

    private int recent(String to, Timestamp now, Duration window) {
        return jdbc.sql(
                        "SELECT count(*) FROM email_outbound WHERE kind = 'ACKNOWLEDGEMENT' AND to_address = ? AND created_at > ?")
                .params(to, Timestamp.from(now.toInstant().minus(window)))
                .query(Integer.class)
                .single();
    }

    /** The participants' addresses, for the copy of a reply. */
    private String copied(Ticket ticket, String to) {
        List<String> addresses = participants.of(ticket.id()).stream()
                .map(customers::find)
                .flatMap(Optional::stream)
                .flatMap(c -> c.identities().stream()
                        .filter(i -> i.kind() == IdentityKind.EMAIL)
                        .map(Identity::value)
                        .limit(1))
                .filter(address -> !address.equalsIgnoreCase(to))
                .distinct()
                .limit(50)
                .toList();
        return addresses.isEmpty() ? null : String.join(", ", addresses);
    }

    private void enqueue(String kind, Ticket ticket, Long messageId, String to, String cc, String text) {
        List<String> thread = jdbc.sql(
                        "SELECT message_id_header FROM email_thread WHERE ticket_id = ? ORDER BY created_at, message_id_header LIMIT 50")
                .param(ticket.id().value())
                .query(String.class)
                .list();
        String domain = properties
                .outbound()
                .from()
                .substring(properties.outbound().from().indexOf('@') + 1);
        String messageIdHeader = "rapport-" + ticket.number() + "-" + UUID.randomUUID() + "@" + domain;
        String subject = ticket.subject().toLowerCase(Locale.ROOT).startsWith("re:")
                ? ticket.subject()
                : "Re: " + ticket.subject();
        int inserted = jdbc.sql("""
                INSERT INTO email_outbound (kind, ticket_id, message_id, message_id_header, to_address, subject, body_text, in_reply_to,
                                            references_header, cc_addresses, state)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING')
                ON CONFLICT (message_id) WHERE kind = 'REPLY' DO NOTHING""")
                .params(
                        kind,
                        ticket.id().value(),
                        messageId,
                        messageIdHeader,
                        to,
                        subject + " " + tokens.token(ticket.number()),
                        text,
                        thread.isEmpty() ? null : thread.getLast(),
                        thread.isEmpty()
                                ? null
                                : String.join(
                                        " ",
                                        thread.stream()
                                                .map(id -> "<" + id + ">")
                                                .toList()),
                        cc)
                .update();
        if (inserted == 0) {
            return; // this reply was already put in the outbox (the event came twice)
        }
        jdbc.sql("INSERT INTO email_thread (message_id_header, ticket_id) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .params(messageIdHeader, ticket.id().value())
                .update();
    }

    private Optional<String> emailOf(Ticket ticket) {
        return customers
                .find(ticket.customer())
                .map(Customer::identities)
                .flatMap(identities -> identities.stream()
                        .filter(i -> i.kind() == IdentityKind.EMAIL)
                        .map(i -> i.value())
                        .findFirst());
    }
}
