package org.rapport.email;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.rapport.shared.CustomerId;
import org.rapport.ticket.Ticket;
import org.rapport.ticket.TicketFilter;
import org.rapport.ticket.TicketQueries;
import org.rapport.ticket.TicketScope;
import org.rapport.ticket.TicketSort;
import org.rapport.ticket.TicketStatus;
import org.springframework.stereotype.Component;

/** The optional last way to thread: same sender, same subject, recent ({@code thread-by-subject-days}). */
@Component
class SubjectThreading {

    private final TicketQueries ticketQueries;
    private final EmailProperties properties;
    private final Clock clock;

    SubjectThreading(TicketQueries ticketQueries, EmailProperties properties, Clock clock) {
        this.ticketQueries = ticketQueries;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Optional last resort for mail clients that drop References and our subject token: the sender's
     * newest ticket with the same subject (without Re:/Fwd: prefixes and our token), updated within the
     * configured days and not closed.
     */
    Optional<Ticket> find(CustomerId customer, String mailSubject) {
        int days = properties.threadBySubjectDays();
        String subject = normalSubject(mailSubject);
        if (days <= 0 || subject.isEmpty()) {
            return Optional.empty();
        }
        TicketFilter recent = new TicketFilter(
                EnumSet.complementOf(EnumSet.of(TicketStatus.CLOSED)),
                Set.of(),
                Set.of(),
                Set.of(),
                false,
                customer,
                null,
                Set.of(),
                null,
                null,
                clock.instant().minus(Duration.ofDays(days)),
                null);
        return ticketQueries.list(recent, TicketScope.ALL, TicketSort.UPDATED_DESC, null, 20).tickets().stream()
                .filter(t -> normalSubject(t.subject()).equals(subject))
                .findFirst();
    }

    private static final Pattern REPLY_PREFIX = Pattern.compile(
            "^\\s*((re|fw|fwd|aw|wg|sv|vs|antw|rif|r|tr|enc|odp|ynt)\\s*(\\[\\d+\\])?\\s*:\\s*)+",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern OUR_TOKEN = Pattern.compile("\\[#\\d+(-[0-9a-f]+)?\\]");

    static String normalSubject(String subject) {
        if (subject == null) {
            return "";
        }
        String s = OUR_TOKEN.matcher(subject).replaceAll(" ");
        s = REPLY_PREFIX.matcher(s).replaceFirst("");
        return s.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
