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
        registry.add("rapport.email.acknowledgement.mailbox-texts[quiet@rapport.test]", () -> "off");
        registry.add(
                "rapport.email.acknowledgement.mailbox-texts[vip@rapport.test]",
                () -> "Dear customer, your case {number} about \"{subject}\" is with our priority desk.");
        registry.add("rapport.email.thread-by-subject-days", () -> 7);
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
        assertThat(ack.getHeader("X-Rapport-Loop")[0]).isEqualTo(tokens.loopMarker());
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
    void aReplysFilesGoOutAsAttachmentsAndItsDeliveryShowsOnTheTicketPage() throws Exception {
        var admin = accounts.inNewTeam(Role.ADMIN);
        String customer = Accounts.unique("ines") + "@example.com";
        EmailChannelTests.smtp(
                SMTP_IN,
                EmailChannelTests.message(
                        customer, Accounts.unique("in") + "@example.com", null, "Invoice please", "Send the invoice."));
        JsonNode ticket = Mailboxes.onlyTicketOf(api, admin.token(), customer);
        long id = ticket.get("id").asLong();
        String pdf = java.util.Base64.getEncoder().encodeToString("%PDF-1.4 invoice".getBytes());
        JsonNode reply = api.json(api.post(admin.token(), "/api/v1/tickets/" + id + "/messages", """
                {"text": "Here is your invoice.", "attachments": [{"fileName": "Rechnung Nr. 7 (Kopie).pdf",
                 "mediaType": "application/pdf", "contentBase64": "%s"}]}""".formatted(pdf)));
        long messageId = reply.get("id").asLong();

        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .until(() -> Arrays.stream(OUTBOUND.getReceivedMessages())
                        .anyMatch(m -> recipient(m).equals(customer) && !isAcknowledgement(m)));
        MimeMessage sent = Arrays.stream(OUTBOUND.getReceivedMessages())
                .filter(m -> recipient(m).equals(customer) && !isAcknowledgement(m))
                .findFirst()
                .orElseThrow();
        assertThat(sent.getContentType()).startsWith("multipart/mixed");
        jakarta.mail.internet.MimeMultipart mixed = (jakarta.mail.internet.MimeMultipart) sent.getContent();
        assertThat(mixed.getCount()).isEqualTo(2);
        assertThat(mixed.getBodyPart(0).getContentType()).startsWith("multipart/alternative");
        assertThat(mixed.getBodyPart(1).getFileName()).isEqualTo("Rechnung Nr. 7 (Kopie).pdf");
        assertThat(mixed.getBodyPart(1).getContentType()).startsWith("application/pdf");
        assertThat(new String(mixed.getBodyPart(1).getInputStream().readAllBytes()))
                .isEqualTo("%PDF-1.4 invoice");

        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(5))
                .until(() -> outbox.deliveries(java.util.List.of(messageId))
                        .get(messageId)
                        .sent());
        var adminEmail = jdbc.sql("SELECT email FROM agent WHERE id = ?")
                .param(admin.agent().value())
                .query(String.class)
                .single();
        String page = mvc.perform(
                        org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/tickets/" + id)
                                .with(org.springframework.security.test.web.servlet.request
                                        .SecurityMockMvcRequestPostProcessors.user(adminEmail)
                                        .roles("ADMIN")))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("Emailed to the customer");
        // The customer's emailed message offers its original; the agent's reply (not received by email) does not.
        assertThat(page).containsOnlyOnce("/original\"");
    }

    private static boolean isAcknowledgement(MimeMessage message) {
        try {
            return message.getHeader("Auto-Submitted") != null;
        } catch (Exception e) {
            return false;
        }
    }

    @Autowired
    org.springframework.test.web.servlet.MockMvc mvc;

    @Test
    void eachMailboxAcknowledgesWithItsOwnTextOrNotAtAll() throws Exception {
        String quiet = Accounts.unique("quiet") + "@example.com";
        String vip = Accounts.unique("vip") + "@example.com";
        EmailChannelTests.smtp(
                SMTP_IN,
                EmailChannelTests.message(quiet, Accounts.unique("q") + "@example.com", null, "Hello", "Hi."),
                "quiet@rapport.test");
        EmailChannelTests.smtp(
                SMTP_IN,
                EmailChannelTests.message(vip, Accounts.unique("v") + "@example.com", null, "Gold card", "Help."),
                "vip@rapport.test");
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .until(() -> Arrays.stream(OUTBOUND.getReceivedMessages())
                        .anyMatch(m -> recipient(m).equals(vip)));
        MimeMessage ack = Arrays.stream(OUTBOUND.getReceivedMessages())
                .filter(m -> recipient(m).equals(vip))
                .findFirst()
                .orElseThrow();
        assertThat(ack.getContent().toString()).isNotNull();
        assertThat(com.icegreen.greenmail.util.GreenMailUtil.getBody(ack))
                .contains("is with our priority desk")
                .contains("Gold card");
        Thread.sleep(1_500);
        assertThat(Arrays.stream(OUTBOUND.getReceivedMessages())
                        .filter(m -> recipient(m).equals(quiet)))
                .isEmpty();
    }

    @Test
    void optionallyThreadsBySenderAndSubjectWhenAMailClientDropsTheReferences() throws Exception {
        var admin = accounts.inNewTeam(Role.ADMIN);
        String customer = Accounts.unique("olga") + "@example.com";
        EmailChannelTests.smtp(
                SMTP_IN,
                EmailChannelTests.message(
                        customer,
                        Accounts.unique("s1") + "@example.com",
                        null,
                        "Heating broken",
                        "No heat since Monday."));
        JsonNode ticket = Mailboxes.onlyTicketOf(api, admin.token(), customer);
        EmailChannelTests.smtp(
                SMTP_IN,
                EmailChannelTests.message(
                        customer,
                        Accounts.unique("s2") + "@example.com",
                        null,
                        "AW: RE: Heating  broken",
                        "Still cold."));
        EmailChannelTests.smtp(
                SMTP_IN,
                EmailChannelTests.message(
                        customer, Accounts.unique("s3") + "@example.com", null, "Hot water too", "Other topic."));
        JsonNode list = api.json(api.get(
                admin.token(), "/api/v1/customers/" + ticket.get("customerId").asLong() + "/tickets"));
        assertThat(list.get("items")).hasSize(2);
        assertThat(api.json(api.get(
                        admin.token(), "/api/v1/tickets/" + ticket.get("id").asLong() + "/messages")))
                .hasSize(2);
        assertThat(SubjectThreading.normalSubject("Re: Fwd: [#10042-0123456789] Heating broken"))
                .isEqualTo("heating broken");
        assertThat(SubjectThreading.normalSubject("SV:Heating broken ")).isEqualTo("heating broken");
    }

    @Test
    void copiedPeopleJoinTheConversationGetRepliesInCopyAndTheirRepliesLandOnTheTicket() throws Exception {
        var admin = accounts.inNewTeam(Role.ADMIN);
        String customer = Accounts.unique("pia") + "@example.com";
        String colleague = Accounts.unique("colleague") + "@example.com";
        String first = Accounts.unique("cc1") + "@example.com";
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            many.append(", extra").append(i).append("-").append(first);
        }
        String raw = "From: Pia <" + customer + ">\r\nTo: support@rapport.test\r\nCc: Colleague <" + colleague + ">"
                + many + "\r\nSubject: Office printer\r\nMessage-ID: <" + first + ">\r\n\r\nOur printer is broken.\r\n";
        EmailChannelTests.smtp(SMTP_IN, raw.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        JsonNode ticket = Mailboxes.onlyTicketOf(api, admin.token(), customer);
        long id = ticket.get("id").asLong();
        var ticketId = new org.rapport.shared.TicketId(id);
        // The colleague and at most ten new customers from one message's copies (11 of 13 addresses are new).
        assertThat(participants.of(ticketId)).hasSize(10);

        api.post(admin.token(), "/api/v1/tickets/" + id + "/messages", "{\"text\": \"A technician comes tomorrow.\"}");
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .until(() -> Arrays.stream(OUTBOUND.getReceivedMessages())
                        .anyMatch(m -> recipient(m).equals(customer) && !isAcknowledgement(m)));
        MimeMessage reply = Arrays.stream(OUTBOUND.getReceivedMessages())
                .filter(m -> recipient(m).equals(customer) && !isAcknowledgement(m))
                .findFirst()
                .orElseThrow();
        String cc = String.join(",", reply.getHeader("Cc"));
        assertThat(cc).contains(colleague);

        EmailChannelTests.smtp(
                SMTP_IN,
                EmailChannelTests.message(
                        colleague,
                        Accounts.unique("cc2") + "@example.com",
                        reply.getMessageID().replaceAll("[<>]", ""),
                        "Re: Office printer",
                        "I will let the technician in."));
        JsonNode messages = api.json(api.get(admin.token(), "/api/v1/tickets/" + id + "/messages"));
        assertThat(messages.toString()).contains("I will let the technician in.");
        assertThat(Mailboxes.onlyTicketOf(api, admin.token(), customer)
                        .get("id")
                        .asLong())
                .isEqualTo(id);
    }

    @Autowired
    org.rapport.ticket.TicketParticipants participants;

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
