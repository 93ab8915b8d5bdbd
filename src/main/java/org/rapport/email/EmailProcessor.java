package org.rapport.email;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.rapport.customer.CustomerService;
import org.rapport.customer.Identity;
import org.rapport.files.BlobStore;
import org.rapport.mail.MailAttachment;
import org.rapport.mail.MailKind;
import org.rapport.mail.MailParser;
import org.rapport.mail.MailRejectedException;
import org.rapport.mail.ParsedMail;
import org.rapport.shared.Actor;
import org.rapport.shared.ChannelKind;
import org.rapport.shared.CustomerId;
import org.rapport.shared.InvalidValueException;
import org.rapport.shared.Texts;
import org.rapport.shared.TicketId;
import org.rapport.ticket.AuthorKind;
import org.rapport.ticket.Direction;
import org.rapport.ticket.MessageKind;
import org.rapport.ticket.NewAttachment;
import org.rapport.ticket.NewMessage;
import org.rapport.ticket.OpenTicket;
import org.rapport.ticket.Ticket;
import org.rapport.ticket.TicketQueries;
import org.rapport.ticket.TicketService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns one stored message into what it means: a new ticket, a message on an existing one (threaded by
 * Message-ID, then by the signed subject token), a bounce note, or a quarantine entry. Idempotent: a row
 * is processed once, under a row lock, and its result committed with the ticket change.
 */
@Component
class EmailProcessor {

    private static final Logger log = LoggerFactory.getLogger(EmailProcessor.class);
    private static final Actor EMAIL = new Actor(Actor.Kind.SYSTEM, null, "email channel");
    private static final int MAX_TEXT = 190_000;
    private static final int MAX_HTML = 1_000_000;

    private final JdbcClient jdbc;
    private final BlobStore blobs;
    private final MailParser parser;
    private final TicketTokens tokens;
    private final TicketService tickets;
    private final TicketQueries ticketQueries;
    private final CustomerService customers;
    private final TransactionTemplate transactions;
    private final EmailOutbox outbox;
    private final EmailProperties properties;
    private final EmailParticipants participants;
    private final SubjectThreading subjects;

    EmailProcessor(
            JdbcClient jdbc,
            BlobStore blobs,
            MailParser parser,
            TicketTokens tokens,
            TicketService tickets,
            TicketQueries ticketQueries,
            CustomerService customers,
            TransactionTemplate transactions,
            EmailOutbox outbox,
            EmailProperties properties,
            EmailParticipants participants,
            SubjectThreading subjects) {
        this.participants = participants;
        this.subjects = subjects;
        this.outbox = outbox;
        this.properties = properties;
        this.jdbc = jdbc;
        this.blobs = blobs;
        this.parser = parser;
        this.tokens = tokens;
        this.tickets = tickets;
        this.ticketQueries = ticketQueries;
        this.customers = customers;
        this.transactions = transactions;
    }

    /** Processes the row if it still waits; a row another worker holds or finished is left alone. */
    void process(long id) {
        Optional<String[]> row = jdbc.sql(
                        "SELECT sha256, mailbox FROM email_inbound WHERE id = ? AND state = 'RECEIVED'")
                .param(id)
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)})
                .optional();
        row.ifPresent(found -> process(id, found[1], blobs.read(found[0])));
    }

    /**
     * The parsed message, or empty when the parser refuses it or fails on it: the careful path then stores
     * the row first and quarantines the message, so no input can stop the mailbox.
     */
    Optional<ParsedMail> parse(byte[] raw) {
        try {
            return Optional.of(parser.parse(raw));
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            return Optional.empty();
        }
    }

    /**
     * Processes a row the caller's transaction has just inserted: no other worker can see it, so no lock is
     * taken. Any failure rolls the whole transaction back, row included.
     */
    void handleInserted(long id, String mailbox, ParsedMail mail) {
        handle(id, mailbox, mail);
    }

    /**
     * Processes a stored message whose bytes the caller still has. Parsing, the costly part, happens
     * before the transaction: no connection or row lock is held while mime4j and the sanitiser work.
     */
    void process(long id, String mailbox, byte[] raw) {
        try {
            ParsedMail mail = parser.parse(raw);
            transactions.executeWithoutResult(status -> {
                boolean ours = jdbc.sql(
                                "SELECT id FROM email_inbound WHERE id = ? AND state = 'RECEIVED' FOR UPDATE SKIP LOCKED")
                        .param(id)
                        .query(Long.class)
                        .optional()
                        .isPresent();
                if (ours) {
                    handle(id, mailbox, mail);
                }
            });
        } catch (MailRejectedException e) {
            quarantine(id, e.getMessage(), e.limit());
        } catch (TransientDataAccessException | DataAccessResourceFailureException e) {
            log.warn("Email {} could not be processed now; it stays received and is retried: {}", id, e.toString());
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            log.warn("Email {} could not be processed; quarantined", id, e);
            quarantine(
                    id,
                    "processing failed: " + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : ": " + e.getMessage()),
                    null);
        }
    }

    private void handle(long id, String mailbox, ParsedMail mail) {
        switch (mail.kind()) {
            case LOOP -> {
                if (tokens.isOurLoopMarker(loopHeader(mail))) {
                    finish(id, "IGNORED", "our own outbound mail came back (X-Rapport-Loop)", null, null);
                } else {
                    // Someone else's loop header (another Rapport, or a forgery): kept, as a machine's mail.
                    deliver(id, mailbox, mail);
                }
            }
            case BOUNCE -> bounce(id, mail);
            case AUTOMATIC, PERSONAL -> deliver(id, mailbox, mail);
        }
    }

    private void deliver(long id, String mailbox, ParsedMail mail) {
        if (mail.from() == null) {
            throw new MailRejectedException("malformed", "the message has no valid From address");
        }
        // A display name that claims another address is a spoof: the customer is named after the address.
        String name = mail.from().trusted() && mail.from().name() != null
                ? printable(mail.from().name()).strip()
                : null;
        Identity from = Identity.email(mail.from().address());
        String customerName = name == null || name.length() > 200 ? null : name;
        // A person writing from an address shows it works: an earlier bounce no longer counts. A machine's
        // mail (an auto-reply) shows nothing of the kind.
        CustomerId customer = mail.kind() == MailKind.PERSONAL
                ? customers.findOrCreateWriter(from, customerName, EMAIL)
                : customers.findOrCreate(from, customerName, EMAIL);
        Actor actor = Actor.customer(customer, mail.from().address());
        Optional<Ticket> thread = thread(mail).or(() -> subjects.find(customer, mail.subject()));
        // In a conversation the timeline shows what the customer wrote this time; a new ticket keeps the
        // whole text (a forwarded conversation is the point of it). The raw mail stays one click away.
        String text = printable(thread.isPresent() ? mail.replyText() : mail.text());
        if (text.length() > MAX_TEXT) {
            text = text.substring(0, MAX_TEXT) + "\n[… truncated; the full message is in the original email]";
        }
        String html = mail.html() != null && mail.html().length() > MAX_HTML ? null : mail.html();
        NewMessage message = new NewMessage(
                MessageKind.REPLY,
                Direction.INBOUND,
                AuthorKind.CUSTOMER,
                customer.value(),
                ChannelKind.EMAIL,
                text.isBlank() ? (html == null ? "(no text)" : null) : text,
                html,
                attachments(mail));
        TicketId ticket;
        long messageId;
        Ticket acknowledge = null;
        if (thread.isPresent()) {
            var added = automatic(mail)
                    ? tickets.addAutomaticMessage(thread.get().id(), message, actor)
                    : tickets.addMessage(thread.get().id(), message, null, actor);
            ticket = added.ticket();
            messageId = added.message().value();
        } else {
            List<String> tags = automatic(mail) ? List.of("automatic") : List.of();
            String subject = printable(mail.subject()).replaceAll("\\s+", " ").strip();
            var opened = tickets.open(
                    new OpenTicket(
                            subject.length() > 290 ? subject.substring(0, 290) + "…" : subject,
                            customer,
                            ChannelKind.EMAIL,
                            null,
                            properties.teamOf(mailbox),
                            null,
                            tags,
                            null,
                            message),
                    actor);
            ticket = opened.ticket().id();
            messageId = opened.message().value();
            acknowledge = mail.kind() == MailKind.PERSONAL ? opened.ticket() : null;
        }
        if (mail.messageId() != null) {
            jdbc.sql("INSERT INTO email_thread (message_id_header, ticket_id) VALUES (?, ?) ON CONFLICT DO NOTHING")
                    .params(mail.messageId(), ticket.value())
                    .update();
        }
        if (mail.kind() == MailKind.PERSONAL) {
            participants.join(ticket, thread.map(Ticket::customer).orElse(customer), customer, mail, mailbox);
        }
        if (acknowledge != null) {
            // After the thread entry, so the acknowledgement answers the customer's Message-ID.
            outbox.acknowledge(acknowledge, mail.from().address(), mailbox);
        }
        finish(
                id,
                "PROCESSED",
                automatic(mail) ? String.join("; ", mail.kindReasons()) : null,
                ticket.value(),
                messageId);
    }

    /** Mail a machine sent: never reopens, never acknowledged. */
    private static boolean automatic(ParsedMail mail) {
        return mail.kind() == MailKind.AUTOMATIC || mail.kind() == MailKind.LOOP;
    }

    private static String loopHeader(ParsedMail mail) {
        List<String> values = mail.headers().get(MailParser.LOOP_HEADER.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    private void bounce(long id, ParsedMail mail) {
        Optional<Long> ticket = mail.bouncedMessageId() == null
                ? Optional.empty()
                : jdbc.sql("SELECT ticket_id FROM email_thread WHERE message_id_header = ?")
                        .param(mail.bouncedMessageId())
                        .query(Long.class)
                        .optional();
        if (ticket.isEmpty()) {
            finish(id, "BOUNCE", "bounce of a message we do not know: " + mail.bouncedMessageId(), null, null);
            return;
        }
        String text = "Delivery failed" + (mail.bouncedRecipient() == null ? "" : " to " + mail.bouncedRecipient())
                + ".\n\n" + mail.text();
        if (mail.bouncedRecipient() != null) {
            try {
                customers.markFailing(
                        Identity.email(mail.bouncedRecipient()),
                        "bounced: " + Texts.abbreviate(mail.text().strip().replaceAll("\\s+", " "), 300),
                        EMAIL);
            } catch (InvalidValueException e) {
                log.info("Bounce names an address that is not one: {}", mail.bouncedRecipient());
            }
        }
        var added = tickets.addMessage(
                new TicketId(ticket.get()),
                new NewMessage(
                        MessageKind.NOTE,
                        Direction.INBOUND,
                        AuthorKind.SYSTEM,
                        null,
                        ChannelKind.EMAIL,
                        text,
                        null,
                        List.of()),
                null,
                EMAIL);
        finish(
                id,
                "BOUNCE",
                "delivery to " + mail.bouncedRecipient() + " failed",
                added.ticket().value(),
                added.message().value());
    }

    /** In-Reply-To and References against the Message-IDs we know, then our signed subject token. */
    private Optional<Ticket> thread(ParsedMail mail) {
        List<String> candidates = new ArrayList<>();
        if (mail.inReplyTo() != null) {
            candidates.add(mail.inReplyTo());
        }
        candidates.addAll(mail.references().reversed());
        if (!candidates.isEmpty()) {
            Optional<Long> known = jdbc.sql("""
                    SELECT ticket_id FROM email_thread WHERE message_id_header = ANY(?)
                    ORDER BY array_position(?, message_id_header) LIMIT 1""")
                    .params(candidates.toArray(String[]::new), candidates.toArray(String[]::new))
                    .query(Long.class)
                    .optional();
            if (known.isPresent()) {
                return ticketQueries.find(new TicketId(known.get()), org.rapport.ticket.TicketScope.ALL);
            }
        }
        return tokens.verify(mail.subject()).flatMap(ticketQueries::findByNumber);
    }

    /** Mail text may carry NULs and other control characters no person typed; they are dropped. */
    static String printable(String text) {
        if (!Texts.hasControlCharacters(text)) {
            return text;
        }
        StringBuilder clean = new StringBuilder(text.length());
        text.codePoints()
                .filter(c -> !Character.isISOControl(c) || c == '\n' || c == '\r' || c == '\t')
                .forEach(clean::appendCodePoint);
        return clean.toString();
    }

    private static List<NewAttachment> attachments(ParsedMail mail) {
        return mail.attachments().stream()
                .map((MailAttachment a) -> new NewAttachment(a.fileName(), a.mediaType(), a.content()))
                .toList();
    }

    private void finish(long id, String state, String reason, Long ticket, Long message) {
        jdbc.sql("""
                UPDATE email_inbound SET state = ?, reason = ?, ticket_id = ?, message_id = ?, attempts = attempts + 1, processed_at = now()
                WHERE id = ?""").params(state, reason, ticket, message, id).update();
    }

    private void quarantine(long id, String reason, String limit) {
        transactions.executeWithoutResult(status -> jdbc.sql("""
                UPDATE email_inbound SET state = 'QUARANTINED', reason = ?, limit_hit = ?, attempts = attempts + 1, processed_at = now()
                WHERE id = ? AND state = 'RECEIVED'""")
                .params(reason.length() > 1000 ? reason.substring(0, 1000) : reason, limit, id)
                .update());
    }
}
