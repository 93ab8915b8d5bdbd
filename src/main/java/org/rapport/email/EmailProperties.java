package org.rapport.email;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.rapport.shared.TeamId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The email channel's settings: recovery of unprocessed mail, which team each mailbox's new tickets go
 * to ({@code mailbox-teams}, address to team id), outbound SMTP, acknowledgements. The ways in are the
 * mail module's ({@code rapport.mail.*}).
 */
@ConfigurationProperties("rapport.email")
public record EmailProperties(
        @DefaultValue("10") int recoverAfterSeconds,
        @DefaultValue Map<String, Long> mailboxTeams,
        @DefaultValue Outbound outbound,
        @DefaultValue Acknowledgement acknowledgement,
        /* Thread mail without references or token by the same sender and subject within this many days; 0: off. */
        @DefaultValue("0") int threadBySubjectDays,
        /* New customers made from the To and Cc addresses of one message, at most. */
        @DefaultValue("10") int maxCcCustomers) {

    /** The team that new tickets from this mailbox (recipient address) go to; none: the triage pool. */
    public TeamId teamOf(String mailbox) {
        if (mailbox == null) {
            return null;
        }
        Long team = mailboxTeams.get(mailbox.toLowerCase(Locale.ROOT));
        return team == null ? null : new TeamId(team);
    }

    /** The SMTP server replies go out through; sending is off while {@code host} is empty. */
    public record Outbound(
            String host,
            @DefaultValue("587") int port,
            String user,
            String password,
            @DefaultValue("false") boolean startTls,
            @DefaultValue("support@rapport.local") String from,
            @DefaultValue("Rapport Support") String fromName,
            @DefaultValue("8") int maxAttempts) {

        public boolean enabled() {
            return host != null && !host.isBlank();
        }
    }

    /**
     * The automatic acknowledgement of a new ticket, and how many a recipient gets at most, so that no
     * loop with another machine can grow.
     */
    public record Acknowledgement(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("10") int maxPer10Minutes,
            @DefaultValue("25") int maxPerHour,
            /* Per mailbox (recipient address): its own text, or "off" for no acknowledgement from it. */
            @DefaultValue Map<String, String> mailboxTexts,

            @DefaultValue("Thank you for contacting us. We have received your message and opened ticket #{number}. "
                    + "Someone from our team will answer you personally; you do not need to write again. "
                    + "To add anything, simply reply to this email.")
            String text) {

        /** The text to acknowledge with for mail to this mailbox; empty when acknowledgements are off. */
        public Optional<String> textFor(String mailbox) {
            if (!enabled) {
                return Optional.empty();
            }
            String own = mailbox == null ? null : mailboxTexts.get(mailbox.toLowerCase(Locale.ROOT));
            if (own == null) {
                return Optional.of(text);
            }
            return own.isBlank() || own.strip().equalsIgnoreCase("off") ? Optional.empty() : Optional.of(own);
        }
    }
}
