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

/** With IMAP IDLE, new mail arrives at once although the regular poll is ten minutes away. */
@RapportTest
class ImapIdleTests {

    static final int IMAP = Mailboxes.freePort();

    @RegisterExtension
    static final GreenMailExtension SERVER = new GreenMailExtension(
                    new ServerSetup(IMAP, "127.0.0.1", ServerSetup.PROTOCOL_IMAP))
            .withPerMethodLifecycle(false);

    @DynamicPropertySource
    static void mailbox(DynamicPropertyRegistry registry) {
        SERVER.setUser("idle-inbox@rapport.test", "idleuser", "idle-secret");
        registry.add("rapport.mail.poll-interval", () -> "PT10M");
        registry.add("rapport.mail.mailboxes[0].address", () -> "idle-inbox@rapport.test");
        registry.add("rapport.mail.mailboxes[0].protocol", () -> "imap");
        registry.add("rapport.mail.mailboxes[0].host", () -> "127.0.0.1");
        registry.add("rapport.mail.mailboxes[0].port", () -> IMAP);
        registry.add("rapport.mail.mailboxes[0].user", () -> "idleuser");
        registry.add("rapport.mail.mailboxes[0].password", () -> "idle-secret");
    }

    @Autowired
    Api api;

    @Autowired
    Accounts accounts;

    @Test
    void newMailArrivesWithoutWaitingForThePoll() throws Exception {
        var admin = accounts.inNewTeam(Role.ADMIN);
        Thread.sleep(3_000); // past the first scheduled poll: from here on only IDLE can bring mail in
        GreenMailUser user = SERVER.setUser("idle-inbox@rapport.test", "idleuser", "idle-secret");
        String sender = Accounts.unique("idle") + "@example.com";
        user.deliver(new MimeMessage(
                Session.getInstance(new Properties()),
                new ByteArrayInputStream(EmailChannelTests.message(
                        sender, Accounts.unique("d1") + "@example.com", null, "Pushed", "Arrived by IDLE."))));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(Mailboxes.onlyTicketOf(api, admin.token(), sender)
                                .get("subject")
                                .asString())
                        .isEqualTo("Pushed"));
    }
}
