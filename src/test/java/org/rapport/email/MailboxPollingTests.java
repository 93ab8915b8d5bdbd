package org.rapport.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rapport.Accounts;
import org.rapport.Api;
import org.rapport.RapportTest;
import org.rapport.agent.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** IMAP (kept on the server) and POP3 (deleted once stored) mailboxes, polled against GreenMail. */
@RapportTest
class MailboxPollingTests {

    static final int IMAP = Mailboxes.freePort();
    static final int POP3 = Mailboxes.freePort();

    @RegisterExtension
    static final GreenMailExtension SERVER = new GreenMailExtension(new ServerSetup[] {
                new ServerSetup(IMAP, "127.0.0.1", ServerSetup.PROTOCOL_IMAP),
                new ServerSetup(POP3, "127.0.0.1", ServerSetup.PROTOCOL_POP3)
            })
            .withPerMethodLifecycle(false);

    @DynamicPropertySource
    static void mailboxes(DynamicPropertyRegistry registry) {
        registry.add("rapport.mail.poll-interval", () -> "PT0.3S");
        registry.add("rapport.mail.mailboxes[0].address", () -> "imap-inbox@rapport.test");
        registry.add("rapport.mail.mailboxes[0].protocol", () -> "imap");
        registry.add("rapport.mail.mailboxes[0].host", () -> "127.0.0.1");
        registry.add("rapport.mail.mailboxes[0].port", () -> IMAP);
        registry.add("rapport.mail.mailboxes[0].user", () -> "imapuser");
        registry.add("rapport.mail.mailboxes[0].password", () -> "imap-secret");
        registry.add("rapport.mail.mailboxes[0].keep-on-server", () -> true);
        registry.add("rapport.mail.mailboxes[1].address", () -> "pop-inbox@rapport.test");
        registry.add("rapport.mail.mailboxes[1].protocol", () -> "pop3");
        registry.add("rapport.mail.mailboxes[1].host", () -> "127.0.0.1");
        registry.add("rapport.mail.mailboxes[1].port", () -> POP3);
        registry.add("rapport.mail.mailboxes[1].user", () -> "popuser");
        registry.add("rapport.mail.mailboxes[1].password", () -> "pop-secret");
        registry.add("rapport.mail.mailboxes[1].keep-on-server", () -> false);
    }

    @Autowired
    Api api;

    @Autowired
    Accounts accounts;

    @Test
    void imapMailIsTakenOnceAndKeptOnTheServer() throws Exception {
        var admin = accounts.inNewTeam(Role.ADMIN);
        GreenMailUser user = SERVER.setUser("imap-inbox@rapport.test", "imapuser", "imap-secret");
        String sender = Accounts.unique("imap") + "@example.com";
        user.deliver(mime(
                EmailChannelTests.message(sender, Accounts.unique("i1") + "@example.com", null, "Via IMAP", "First.")));
        user.deliver(mime(EmailChannelTests.message(
                sender, Accounts.unique("i2") + "@example.com", null, "Via IMAP again", "Second.")));

        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(
                        () -> assertThat(ticketsOf(admin.token(), sender)).hasSize(2));
        Thread.sleep(1_500); // several more polls

        assertThat(ticketsOf(admin.token(), sender)).hasSize(2);
        assertThat(SERVER.getReceivedMessagesForDomain("rapport.test")).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void pop3MailIsTakenAndDeletedFromTheServer() throws Exception {
        var admin = accounts.inNewTeam(Role.ADMIN);
        GreenMailUser user = SERVER.setUser("pop-inbox@rapport.test", "popuser", "pop-secret");
        String sender = Accounts.unique("pop") + "@example.com";
        user.deliver(mime(
                EmailChannelTests.message(sender, Accounts.unique("p1") + "@example.com", null, "Via POP3", "Hello.")));

        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(
                        () -> assertThat(ticketsOf(admin.token(), sender)).hasSize(1));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(SERVER.getManagers()
                                .getImapHostManager()
                                .getInbox(user)
                                .getMessageCount())
                        .isZero());
        assertThat(ticketsOf(admin.token(), sender)).hasSize(1);
    }

    private JsonNode ticketsOf(String token, String email) {
        JsonNode customers =
                api.json(api.get(token, "/api/v1/customers?q=" + email)).get("items");
        if (customers.isEmpty()) {
            return customers;
        }
        return api.json(api.get(
                        token, "/api/v1/customers/" + customers.get(0).get("id").asLong() + "/tickets"))
                .get("items");
    }

    private static MimeMessage mime(byte[] raw) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
    }
}
