package org.rapport.email;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.UnsupportedEncodingException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.jsoup.nodes.Entities;
import org.rapport.files.BlobStore;
import org.rapport.mail.MailParser;
import org.rapport.shared.MessageId;
import org.rapport.ticket.Attachment;
import org.rapport.ticket.Message;
import org.rapport.ticket.TicketQueries;
import org.rapport.ticket.TicketScope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends what waits in the outbox over SMTP. A temporary failure (4xx, connection) is retried with
 * growing pauses; a permanent one (5xx) or too many tries marks the row failed with the server's words.
 * A crash between the server's acceptance and our bookkeeping sends the same Message-ID once more,
 * which receivers recognise; never a second message.
 */
@Component
class EmailSender {

    private final JdbcClient jdbc;
    private final EmailProperties properties;
    private final Clock clock;
    private final TicketQueries tickets;
    private final BlobStore blobs;
    private final TicketTokens tokens;

    EmailSender(
            JdbcClient jdbc,
            EmailProperties properties,
            Clock clock,
            TicketQueries tickets,
            BlobStore blobs,
            TicketTokens tokens) {
        this.tokens = tokens;
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
        this.tickets = tickets;
        this.blobs = blobs;
    }

    private record Outgoing(
            long id,
            String kind,
            String messageIdHeader,
            String to,
            String subject,
            String text,
            String inReplyTo,
            String references,
            int attempts,
            Long message,
            String cc) {}

    @Scheduled(fixedDelayString = "PT1S", initialDelayString = "PT1S")
    void sendDue() {
        if (!properties.outbound().enabled()) {
            return;
        }
        List<Outgoing> due = jdbc.sql("""
                SELECT id, kind, message_id_header, to_address, subject, body_text, in_reply_to, references_header, attempts,
                  message_id, cc_addresses
                FROM email_outbound WHERE state = 'PENDING' AND next_attempt_at <= now() ORDER BY id LIMIT 50""")
                .query((rs, n) -> new Outgoing(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getString(8),
                        rs.getInt(9),
                        rs.getObject(10, Long.class),
                        rs.getString(11)))
                .list();
        if (due.isEmpty()) {
            return;
        }
        Session session = Session.getInstance(smtpProperties());
        for (Outgoing mail : due) {
            send(session, mail);
        }
    }

    private void send(Session session, Outgoing mail) {
        try {
            MimeMessage message = message(session, mail);
            EmailProperties.Outbound out = properties.outbound();
            try (Transport transport = session.getTransport("smtp")) {
                if (out.user() != null && !out.user().isBlank()) {
                    transport.connect(out.host(), out.port(), out.user(), out.password());
                } else {
                    transport.connect();
                }
                transport.sendMessage(message, message.getAllRecipients());
            }
            jdbc.sql(
                            "UPDATE email_outbound SET state = 'SENT', attempts = attempts + 1, sent_at = ?, last_error = NULL WHERE id = ?")
                    .params(Timestamp.from(clock.instant()), mail.id())
                    .update();
        } catch (MessagingException | UnsupportedEncodingException e) {
            boolean permanent = permanent(e);
            boolean exhausted = mail.attempts() + 1 >= properties.outbound().maxAttempts();
            Duration pause = Duration.ofSeconds(Math.min(3600, 30L << Math.min(mail.attempts(), 7)));
            jdbc.sql(
                            "UPDATE email_outbound SET state = ?, attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE id = ?")
                    .params(
                            permanent || exhausted ? "FAILED" : "PENDING",
                            Timestamp.from(clock.instant().plus(pause)),
                            abbreviate(e.getMessage()),
                            mail.id())
                    .update();
        }
    }

    private MimeMessage message(Session session, Outgoing mail)
            throws MessagingException, UnsupportedEncodingException {
        MimeMessage message = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", "<" + mail.messageIdHeader() + ">");
            }
        };
        EmailProperties.Outbound out = properties.outbound();
        message.setFrom(new InternetAddress(out.from(), out.fromName(), "UTF-8"));
        message.setRecipients(jakarta.mail.Message.RecipientType.TO, InternetAddress.parse(mail.to()));
        if (mail.cc() != null && !mail.cc().isBlank()) {
            message.setRecipients(jakarta.mail.Message.RecipientType.CC, InternetAddress.parse(mail.cc()));
        }
        message.setSubject(mail.subject(), "UTF-8");
        if (mail.inReplyTo() != null) {
            message.setHeader("In-Reply-To", "<" + mail.inReplyTo() + ">");
        }
        if (mail.references() != null) {
            message.setHeader("References", mail.references());
        }
        message.setHeader(MailParser.LOOP_HEADER, tokens.loopMarker());
        if (mail.kind().equals(EmailOutbox.ACKNOWLEDGEMENT)) {
            message.setHeader("Auto-Submitted", "auto-replied");
            message.setHeader("X-Auto-Response-Suppress", "All");
        }
        MimeBodyPart text = new MimeBodyPart();
        text.setText(mail.text(), "UTF-8");
        MimeBodyPart html = new MimeBodyPart();
        html.setContent(
                "<div>" + Entities.escape(mail.text()).replace("\n", "<br>\n") + "</div>", "text/html; charset=UTF-8");
        MimeMultipart alternative = new MimeMultipart("alternative", text, html);
        List<Attachment> attachments = mail.message() == null
                ? List.of()
                : tickets.message(new MessageId(mail.message()), TicketScope.ALL)
                        .map(Message::attachments)
                        .orElse(List.of());
        if (attachments.isEmpty()) {
            message.setContent(alternative);
        } else {
            // The agent's files go with the reply: text and HTML as one part, then each file.
            MimeBodyPart body = new MimeBodyPart();
            body.setContent(alternative);
            MimeMultipart mixed = new MimeMultipart("mixed", body);
            for (Attachment attachment : attachments) {
                MimeBodyPart file = new MimeBodyPart();
                file.setDataHandler(new DataHandler(
                        new ByteArrayDataSource(blobs.read(attachment.sha256()), safeType(attachment.mediaType()))));
                file.setFileName(attachment.fileName());
                file.setDisposition(jakarta.mail.Part.ATTACHMENT);
                mixed.addBodyPart(file);
            }
            message.setContent(mixed);
        }
        message.saveChanges();
        return message;
    }

    /** A stored media type as a header value; anything that does not parse goes out as plain bytes. */
    private static String safeType(String mediaType) {
        try {
            return new jakarta.mail.internet.ContentType(mediaType).getBaseType();
        } catch (jakarta.mail.internet.ParseException | RuntimeException e) {
            return "application/octet-stream";
        }
    }

    private Properties smtpProperties() {
        EmailProperties.Outbound out = properties.outbound();
        Properties smtp = new Properties();
        smtp.put("mail.smtp.host", out.host());
        smtp.put("mail.smtp.port", Integer.toString(out.port()));
        smtp.put("mail.smtp.starttls.enable", Boolean.toString(out.startTls()));
        smtp.put("mail.smtp.starttls.required", Boolean.toString(out.startTls()));
        smtp.put(
                "mail.smtp.auth",
                Boolean.toString(out.user() != null && !out.user().isBlank()));
        smtp.put("mail.smtp.connectiontimeout", "10000");
        smtp.put("mail.smtp.timeout", "30000");
        smtp.put("mail.smtp.writetimeout", "30000");
        smtp.put("mail.smtp.localhost", out.from().substring(out.from().indexOf('@') + 1));
        return smtp;
    }

    /** A 5xx anywhere in the chain (RCPT TO refused, message refused) will not get better by retrying. */
    private static boolean permanent(Exception e) {
        for (Throwable t = e;
                t != null;
                t = t instanceof MessagingException m && m.getNextException() != null
                        ? m.getNextException()
                        : t.getCause()) {
            if (t instanceof SMTPSendFailedException failed && failed.getReturnCode() >= 500) {
                return true;
            }
            if (t instanceof SMTPAddressFailedException failed && failed.getReturnCode() >= 500) {
                return true;
            }
            if (t == t.getCause()) {
                break;
            }
        }
        return false;
    }

    private static String abbreviate(String text) {
        return text == null ? "unknown error" : text.length() > 500 ? text.substring(0, 500) : text;
    }
}
