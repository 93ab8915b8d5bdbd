package org.rapport.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.rapport.Accounts;
import org.rapport.Api;
import org.rapport.RapportTest;
import org.rapport.agent.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The built-in receiver with a certificate: STARTTLS offered and, here, required. */
@RapportTest
class SmtpTlsTests {

    static final int PORT = Mailboxes.freePort();
    static final String PASSWORD = "keystore-secret";
    static final Path KEYSTORE = keystore();

    /** A self-signed certificate made with the JDK's keytool, as an admin would (or from a real CA). */
    static Path keystore() {
        try {
            Path dir = Files.createTempDirectory("rapport-tls");
            Path file = dir.resolve("smtp.p12");
            Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
            Process process = new ProcessBuilder(
                            keytool.toString(),
                            "-genkeypair",
                            "-alias",
                            "smtp",
                            "-keyalg",
                            "RSA",
                            "-keysize",
                            "2048",
                            "-dname",
                            "CN=localhost",
                            "-ext",
                            "SAN=ip:127.0.0.1,dns:localhost",
                            "-validity",
                            "2",
                            "-storetype",
                            "PKCS12",
                            "-keystore",
                            file.toString(),
                            "-storepass",
                            PASSWORD,
                            "-keypass",
                            PASSWORD)
                    .redirectErrorStream(true)
                    .start();
            process.getInputStream().readAllBytes();
            if (process.waitFor() != 0) {
                throw new IllegalStateException("keytool failed");
            }
            return file;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        registry.add("rapport.mail.smtp-port", () -> PORT);
        registry.add("rapport.mail.smtp-bind", () -> "127.0.0.1");
        registry.add("rapport.mail.tls.keystore", KEYSTORE::toString);
        registry.add("rapport.mail.tls.keystore-password", () -> PASSWORD);
        registry.add("rapport.mail.tls.required", () -> true);
    }

    @Autowired
    Api api;

    @Autowired
    Accounts accounts;

    @Test
    void mailOverStartTlsIsTakenAndPlainMailIsRefused() throws Exception {
        var admin = accounts.inNewTeam(Role.ADMIN);
        String sender = Accounts.unique("tls") + "@example.com";
        byte[] raw =
                EmailChannelTests.message(sender, Accounts.unique("t") + "@example.com", null, "Secure", "Over TLS.");

        send(raw, true);
        assertThat(Mailboxes.onlyTicketOf(api, admin.token(), sender)
                        .get("subject")
                        .asString())
                .isEqualTo("Secure");

        String plain = Accounts.unique("plain") + "@example.com";
        byte[] refused =
                EmailChannelTests.message(plain, Accounts.unique("p") + "@example.com", null, "Plain", "No TLS.");
        assertThatThrownBy(() -> send(refused, false)).isInstanceOf(MessagingException.class);
    }

    private static void send(byte[] raw, boolean startTls) throws Exception {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", Integer.toString(PORT));
        properties.put("mail.smtp.starttls.enable", Boolean.toString(startTls));
        properties.put("mail.smtp.starttls.required", Boolean.toString(startTls));
        properties.put("mail.smtp.ssl.trust", "127.0.0.1");
        Session session = Session.getInstance(properties);
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect();
            MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(raw));
            transport.sendMessage(message, new InternetAddress[] {new InternetAddress("support@rapport.test")});
        }
    }
}
