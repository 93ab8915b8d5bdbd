package org.rapport.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
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

/** Outbound mail through a real SMTP server (GreenMail): acknowledgements, replies, threading back. */
@RapportTest
class EmailOutboundTests {

    static final int SMTP_IN = Mailboxes.freePort();
    static final int SMTP_OUT = Mailboxes.freePort();

    @RegisterExtension
    static final GreenMailExtension OUTBOUND =
            new GreenMailExtension(new ServerSetup(SMTP_OUT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        registry.add("rapport.mail.smtp-port", () -> SMTP_IN);
        registry.add("rapport.mail.smtp-bind", () -> "127.0.0.1");
        registry.add("rapport.email.outbound.host", () -> "127.0.0.1");
        registry.add("rapport.email.outbound.port", () -> SMTP_OUT);
        registry.add("rapport.email.outbound.from", () -> "support@rapport.test");
        registry.add("rapport.email.acknowledgement.max-per10-minutes", () -> 3);
    }

    @Autowired
    Api api;

    @Autowired
    Accounts accounts;

    @Autowired
    TicketTokens tokens;

    @Test
    void newMailIsAcknowledgedAndTheAgentsReplyGoesOutThreadedBackIntoTheTicket() throws Exception {
        var admin = accounts.inNewTeam(Role.ADMIN);
        String customer = Accounts.unique("hana") + "@example.com";
        String first = Accounts.unique("in1") + "@example.com";
        EmailChannelTests.smtp(
                SMTP_IN, EmailChannelTests.message(customer, first, null, "Lamp broken", "The lamp arrived broken."));

        assertThat(OUTBOUND.waitForIncomingEmail(10_000, 1)).isTrue();
        MimeMessage ack = OUTBOUND.getReceivedMessages()[0];
        JsonNode ticket = Mailboxes.onlyTicketOf(api, admin.token(), customer);
        long number = ticket.get("number").asLong();
        assertThat(ack.getAllRecipients()[0].toString()).isEqualTo(customer);
        assertThat(ack.getHeader("Auto-Submitted")[0]).isEqualTo("auto-replied");
        assertThat(ack.getHeader("X-Rapport-Loop")).isNotNull();
        assertThat(ack.getHeader("In-Reply-To")[0]).isEqualTo("<" + first + ">");
        assertThat(ack.getSubject()).isEqualTo("Re: Lamp broken " + tokens.token(number));
        assertThat(ack.getContent().toString()).isNotNull();

        api.post(
                admin.token(),
                "/api/v1/tickets/" + ticket.get("id").asLong() + "/messages",
                "{\"text\": \"I'm sorry the lamp arrived broken. A replacement ships today.\", \"status\": \"pending\"}");

        assertThat(OUTBOUND.waitForIncomingEmail(10_000, 2)).isTrue();
        MimeMessage reply = OUTBOUND.getReceivedMessages()[1];
        assertThat(reply.getHeader("Auto-Submitted")).isNull();
        assertThat(reply.getHeader("References")[0]).contains("<" + first + ">");
        assertThat(reply.getContentType()).startsWith("multipart/alternative");
        String replyId = reply.getMessageID();

        EmailChannelTests.smtp(
                SMTP_IN,
                EmailChannelTests.message(
                        customer,
                        Accounts.unique("in2") + "@example.com",
                        replyId.substring(1, replyId.length() - 1),
                        "Re: Lamp broken",
                        "Thank you!"));

        JsonNode after = Mailboxes.onlyTicketOf(api, admin.token(), customer);
        assertThat(after.get("id").asLong()).isEqualTo(ticket.get("id").asLong());
        assertThat(after.get("status").asString()).isEqualTo("open");
        assertThat(api.json(api.get(
                        admin.token(), "/api/v1/tickets/" + after.get("id").asLong() + "/messages")))
                .hasSize(3);
    }

    @Test
    void acknowledgementsToOneAddressAreLimitedAndMachinesGetNone() throws Exception {
        String busy = Accounts.unique("busy") + "@example.com";
        for (int i = 0; i < 5; i++) {
            EmailChannelTests.smtp(
                    SMTP_IN,
                    EmailChannelTests.message(
                            busy, Accounts.unique("n" + i) + "@example.com", null, "Question " + i, "Hello " + i));
        }
        String robot = Accounts.unique("robot") + "@example.com";
        String auto = new String(
                        EmailChannelTests.message(
                                robot, Accounts.unique("r") + "@example.com", null, "Out of office", "Away."),
                        java.nio.charset.StandardCharsets.UTF_8)
                .replace("Subject:", "Auto-Submitted: auto-replied\r\nSubject:");
        EmailChannelTests.smtp(SMTP_IN, auto.getBytes(java.nio.charset.StandardCharsets.UTF_8));

        OUTBOUND.waitForIncomingEmail(5_000, 4);
        Thread.sleep(2_000);

        long toBusy = Arrays.stream(OUTBOUND.getReceivedMessages())
                .filter(m -> recipient(m).equals(busy))
                .count();
        long toRobot = Arrays.stream(OUTBOUND.getReceivedMessages())
                .filter(m -> recipient(m).equals(robot))
                .count();
        assertThat(toBusy).isEqualTo(3);
        assertThat(toRobot).isZero();
    }

    private static String recipient(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (Exception e) {
            return "";
        }
    }

    @Autowired
    EmailOutbox outbox;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Test
    void aReplyDeliveredTwiceAsAnEventIsSentOnce() {
        var admin = accounts.inNewTeam(Role.ADMIN);
        String customer = Accounts.unique("twice") + "@example.com";
        EmailChannelTests.smtp(
                SMTP_IN,
                EmailChannelTests.message(customer, Accounts.unique("tw") + "@example.com", null, "Twice", "Hi"));
        JsonNode ticket = Mailboxes.onlyTicketOf(api, admin.token(), customer);
        JsonNode reply = api.json(api.post(
                admin.token(),
                "/api/v1/tickets/" + ticket.get("id").asLong() + "/messages",
                "{\"text\": \"Once only.\"}"));
        var event = new org.rapport.ticket.AgentReplied(
                new org.rapport.shared.TicketId(ticket.get("id").asLong()),
                new org.rapport.shared.MessageId(reply.get("id").asLong()),
                admin.agent(),
                org.rapport.shared.ChannelKind.EMAIL);

        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .until(() -> outboundRows(reply.get("id").asLong()) == 1);
        outbox.on(event);

        assertThat(outboundRows(reply.get("id").asLong())).isEqualTo(1);
    }

    private long outboundRows(long messageId) {
        return jdbc.sql("SELECT count(*) FROM email_outbound WHERE message_id = ?")
                .param(messageId)
                .query(Long.class)
                .single();
    }
}
