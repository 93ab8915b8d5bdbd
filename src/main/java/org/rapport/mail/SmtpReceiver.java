package org.rapport.mail;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.SMTPServer;

/**
 * The built-in SMTP receiver. The 250 reply goes out only after the {@link InboundSink} committed the
 * raw bytes; if storing fails, the sender gets a 451 and tries again later, so nothing is lost.
 */
@Component
class SmtpReceiver implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SmtpReceiver.class);

    private final ReceiverProperties properties;
    private final MailLimits limits;
    private final InboundSink sink;
    private SMTPServer server;

    SmtpReceiver(ReceiverProperties properties, MailLimits limits, InboundSink sink) {
        this.properties = properties;
        this.limits = limits;
        this.sink = sink;
    }

    /** The receiver's certificate and key, from a PKCS#12 key store. */
    static SSLContext sslContext(ReceiverProperties.Tls tls) {
        char[] password = tls.keystorePassword() == null
                ? new char[0]
                : tls.keystorePassword().toCharArray();
        try (InputStream in = Files.newInputStream(Path.of(tls.keystore()))) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(
                    "Cannot use the SMTP receiver's key store " + tls.keystore() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void start() {
        if (properties.smtpPort() <= 0) {
            return;
        }
        try {
            SMTPServer.Builder builder = SMTPServer.port(properties.smtpPort())
                    .bindAddress(InetAddress.getByName(properties.smtpBind()))
                    .softwareName("Rapport")
                    .maxMessageSize((int) Math.min(Integer.MAX_VALUE, limits.maxMessageBytes()))
                    .maxRecipients(limits.maxRecipients())
                    .messageHandler((context, from, to, data) -> {
                        try {
                            sink.accept(mailbox(to), "smtp", data);
                        } catch (RuntimeException e) {
                            log.warn("Could not store a message for {}; the sender will retry", to, e);
                            throw new RejectException(
                                    451, "4.3.0 Temporary failure storing the message, try again later");
                        }
                    });
            ReceiverProperties.Tls tls = properties.tls();
            if (tls.enabled()) {
                builder.enableTLS().startTlsSocketFactory(sslContext(tls)).requireTLS(tls.required());
            }
            server = builder.build();
            SmtpData.install(server, (int) Math.min(Integer.MAX_VALUE, limits.maxMessageBytes()));
            server.start();
            log.info(
                    "SMTP receiver listening on {}:{}{}",
                    properties.smtpBind(),
                    server.getPortAllocated(),
                    tls.enabled() ? (tls.required() ? " (STARTTLS required)" : " (STARTTLS offered)") : "");
        } catch (UnknownHostException e) {
            throw new IllegalStateException("rapport.mail.smtp-bind is not an address: " + properties.smtpBind(), e);
        }
    }

    private String mailbox(String recipient) {
        // No mailboxes are configured yet: every recipient lands in the default inbox.
        return recipient == null || recipient.isBlank()
                ? properties.defaultMailbox()
                : recipient.toLowerCase(java.util.Locale.ROOT);
    }

    /** The port actually bound (useful when configured as an ephemeral port in tests). */
    int port() {
        return server == null ? 0 : server.getPortAllocated();
    }

    @Override
    public synchronized void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return server != null && server.isRunning();
    }
}
