package org.rapport.mail;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The ways mail comes in. {@code smtpPort} 0 turns the built-in receiver off; with no mailboxes
 * configured every SMTP recipient lands in {@code defaultMailbox}. Each polled mailbox is IMAP or POP3
 * (with or without TLS), and keeps its mail on the server or deletes it once stored.
 */
@ConfigurationProperties("rapport.mail")
public record ReceiverProperties(
        @DefaultValue("2525") int smtpPort,
        @DefaultValue("0.0.0.0") String smtpBind,
        @DefaultValue("support@rapport.local") String defaultMailbox,
        @DefaultValue List<Mailbox> mailboxes,
        @DefaultValue Tls tls) {

    /**
     * STARTTLS on the built-in receiver: offered when a PKCS#12 key store (certificate and key) is given;
     * {@code required} refuses mail from senders that do not switch to TLS.
     */
    public record Tls(
            String keystore,
            String keystorePassword,
            @DefaultValue("false") boolean required) {

        public boolean enabled() {
            return keystore != null && !keystore.isBlank();
        }
    }

    public record Mailbox(
            String address,
            @DefaultValue("imap") String protocol,
            String host,
            Integer port,
            String user,
            String password,
            @DefaultValue("INBOX") String folder,
            @DefaultValue("true") boolean keepOnServer,
            /* IMAP: wait for new mail with IDLE where the server offers it, besides the regular polls. */
            @DefaultValue("true") boolean idle) {

        public String protocolName() {
            return protocol.trim().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
