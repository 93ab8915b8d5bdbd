package org.rapport.email;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.rapport.Accounts;
import org.rapport.Api;
import org.rapport.RapportTest;
import org.rapport.agent.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import tools.jackson.databind.JsonNode;

/** Mail over a real SMTP socket into tickets: threading, duplicates, machines, quarantine. */
@RapportTest
class EmailChannelTests {

    static final int SMTP_PORT = Mailboxes.freePort();

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        registry.add("rapport.mail.smtp-port", () -> SMTP_PORT);
        registry.add("rapport.mail.smtp-bind", () -> "127.0.0.1");
        registry.add("rapport.mail.limits.max-message-bytes", () -> 1_048_576);
        // The first team of a new help desk is "Support", made on first start.
        registry.add("rapport.email.mailbox-teams[billing@rapport.test]", () -> 1);
    }

    @Autowired
    Api api;

    @Autowired
    Accounts accounts;

    @Autowired
    TicketTokens tokens;

    @Test
    void newMailOpensATicketForItsSenderWithTheReplyTextAndAttachments() {
        var admin = accounts.inNewTeam(Role.ADMIN);
        String sender = Accounts.unique("anna") + "@example.com";
        String id = Accounts.unique("m1") + "@example.com";

        smtp(message(sender, id, null, "Router drops every hour", """
                It drops every hour since Monday.

                On Mon, 3 Jun 2024 at 9:02, Support <support@rapport.test> wrote:
                > Have you restarted it?"""));

        JsonNode ticket = Mailboxes.onlyTicketOf(api, admin.token(), sender);
        assertThat(ticket.get("subject").asString()).isEqualTo("Router drops every hour");
        assertThat(ticket.get("channel").asString()).isEqualTo("email");
        JsonNode messages = api.json(
                api.get(admin.token(), "/api/v1/tickets/" + ticket.get("id").asLong() + "/messages"));
        assertThat(messages).hasSize(1);
        // A new ticket keeps the whole text; only replies in a conversation are cut at the quote.
        assertThat(messages.get(0).get("text").asString())
                .startsWith("It drops every hour since Monday.")
                .contains("> Have you restarted it?");
        assertThat(messages.get(0).get("channel").asString()).isEqualTo("email");
    }

    @Test
    void replyByInReplyToThreadsIntoTheTicketAndReopensItWhenSolved() {
        var admin = accounts.inNewTeam(Role.ADMIN);
        String sender = Accounts.unique("ben") + "@example.com";
        String first = Accounts.unique("first") + "@example.com";
        smtp(message(sender, first, null, "Charged twice", "I was charged twice."));
        long ticketId =
                Mailboxes.onlyTicketOf(api, admin.token(), sender).get("id").asLong();
        api.patch(admin.token(), "/api/v1/tickets/" + ticketId, "{\"status\": \"solved\"}", null);

        smtp(
                message(
                        sender,
                        Accounts.unique("second") + "@example.com",
                        first,
                        "Re: Charged twice",
                        "Still not refunded.\n\nOn Mon, 3 Jun 2024 at 9:02, Support <support@rapport.test> wrote:\n> We refunded you."));

        JsonNode ticket = Mailboxes.onlyTicketOf(api, admin.token(), sender);
        assertThat(ticket.get("id").asLong()).isEqualTo(ticketId);
        assertThat(ticket.get("status").asString()).isEqualTo("open");
        assertThat(api.json(api.get(admin.token(), "/api/v1/tickets/" + ticketId + "/messages")))
                .hasSize(2);
        assertThat(api.json(api.get(admin.token(), "/api/v1/tickets/" + ticketId + "/messages"))
                        .get(1)
                        .get("text")
                        .asString())
                .isEqualTo("Still not refunded.");
    }

    @Test
    void theSameMailTwiceMakesOneMessage() throws Exception {
        var admin = accounts.inNewTeam(Role.ADMIN);
        String sender = Accounts.unique("chloe") + "@example.com";
        byte[] mail = message(
                sender, Accounts.unique("dup") + "@example.com", null, "Twice", "Sent twice by a nervous server.");

        smtp(mail);
        smtp(mail);
        MvcResult imported = importRaw(api, admin.token(), mail);

        assertThat(imported.getResponse().getStatus()).isEqualTo(200);
        assertThat(api.json(imported).get("duplicate").asBoolean()).isTrue();
        long ticketId =
                Mailboxes.onlyTicketOf(api, admin.token(), sender).get("id").asLong();
        assertThat(api.json(api.get(admin.token(), "/api/v1/tickets/" + ticketId + "/messages")))
                .hasSize(1);
        long messageId = api.json(api.get(admin.token(), "/api/v1/tickets/" + ticketId + "/messages"))
                .get(0)
                .get("id")
                .asLong();
        var stranger = accounts.inNewTeam(Role.AGENT);
        api.patch(
                admin.token(),
                "/api/v1/tickets/" + ticketId,
                "{\"teamId\": " + admin.team().value() + "}",
                null);
        MvcResult original =
                api.get(admin.token(), "/api/v1/tickets/" + ticketId + "/messages/" + messageId + "/original");
        // As received: our SMTP receiver adds its Received header on top of the sender's bytes.
        assertThat(original.getResponse().getContentAsString(StandardCharsets.UTF_8))
                .endsWith(new String(mail, StandardCharsets.UTF_8));
        assertThat(api.get(stranger.token(), "/api/v1/tickets/" + ticketId + "/messages/" + messageId + "/original")
                        .getResponse()
                        .getStatus())
                .isEqualTo(404);
    }

    @Test
    void signedSubjectTokenThreadsAndAForgedOneDoesNot() {
        var admin = accounts.inNewTeam(Role.ADMIN);
        String sender = Accounts.unique("dora") + "@example.com";
        smtp(message(
                sender, Accounts.unique("t1") + "@example.com", null, "Invoice wrong", "The VAT number is missing."));
        JsonNode ticket = Mailboxes.onlyTicketOf(api, admin.token(), sender);
        long number = ticket.get("number").asLong();

        smtp(message(
                sender,
                Accounts.unique("t2") + "@example.com",
                null,
                "Re: Invoice wrong " + tokens.token(number),
                "Any news?"));
        String forged = "[#" + number + "-0000000000]";
        String attacker = Accounts.unique("mallory") + "@example.com";
        smtp(message(attacker, Accounts.unique("t3") + "@example.com", null, "Re: " + forged, "Let me in."));

        assertThat(api.json(api.get(
                        admin.token(), "/api/v1/tickets/" + ticket.get("id").asLong() + "/messages")))
                .hasSize(2);
        assertThat(Mailboxes.onlyTicketOf(api, admin.token(), attacker)
                        .get("id")
                        .asLong())
                .isNotEqualTo(ticket.get("id").asLong());
    }

    @Test
    void autoReplyOnASolvedTicketIsKeptButReopensNothing() {
        var admin = accounts.inNewTeam(Role.ADMIN);
        String sender = Accounts.unique("emil") + "@example.com";
        String first = Accounts.unique("a1") + "@example.com";
        smtp(message(sender, first, null, "Return label", "The label does not work."));
        long ticketId =
                Mailboxes.onlyTicketOf(api, admin.token(), sender).get("id").asLong();
        api.patch(admin.token(), "/api/v1/tickets/" + ticketId, "{\"status\": \"solved\"}", null);

        String auto = new String(
                        message(sender, Accounts.unique("a2") + "@example.com", first, "Out of office", "I am away."),
                        StandardCharsets.UTF_8)
                .replace("Subject:", "Auto-Submitted: auto-replied\r\nSubject:");
        smtp(auto.getBytes(StandardCharsets.UTF_8));

        assertThat(api.json(api.get(admin.token(), "/api/v1/tickets/" + ticketId))
                        .get("status")
                        .asString())
                .isEqualTo("solved");
        JsonNode messages = api.json(api.get(admin.token(), "/api/v1/tickets/" + ticketId + "/messages"));
        assertThat(messages).hasSize(2);
        assertThat(messages.get(1).get("automatic").asBoolean()).isTrue();
    }

    @Test
    void ourOwnMailComingBackIsIgnoredAndOpensNoTicket() {
        var admin = accounts.inNewTeam(Role.ADMIN);
        String sender = Accounts.unique("loop") + "@example.com";
        String looped = new String(
                        message(sender, Accounts.unique("l1") + "@example.com", null, "Re: x", "echo"),
                        StandardCharsets.UTF_8)
                .replace("Subject:", "X-Rapport-Loop: " + tokens.loopMarker() + "\r\nSubject:");

        MvcResult imported = importRaw(api, admin.token(), looped.getBytes(StandardCharsets.UTF_8));

        assertThat(api.json(imported).get("email").get("state").asString()).isEqualTo("ignored");
        assertThat(api.json(api.get(admin.token(), "/api/v1/customers?q=" + sender))
                        .get("items"))
                .isEmpty();
    }

    @Test
    void aForgedOrForeignLoopHeaderCannotMakeMailDisappear() {
        var admin = accounts.inNewTeam(Role.ADMIN);
        String sender = Accounts.unique("forger") + "@example.com";
        String forged = new String(
                        message(sender, Accounts.unique("f1") + "@example.com", null, "Complaint", "Please read me."),
                        StandardCharsets.UTF_8)
                .replace("Subject:", "X-Rapport-Loop: rapport\r\nSubject:");

        MvcResult imported = importRaw(api, admin.token(), forged.getBytes(StandardCharsets.UTF_8));

        assertThat(api.json(imported).get("email").get("state").asString()).isEqualTo("processed");
        JsonNode ticket = Mailboxes.onlyTicketOf(api, admin.token(), sender);
        assertThat(ticket.get("tags").toString()).contains("automatic");
    }

    @Test
    void bounceOfAKnownMessageBecomesANoteOnItsTicket() {
        var admin = accounts.inNewTeam(Role.ADMIN);
        String sender = Accounts.unique("gone") + "@example.com";
        String original = Accounts.unique("orig") + "@example.com";
        smtp(message(sender, original, null, "Where is my parcel", "Parcel missing."));
        long ticketId =
                Mailboxes.onlyTicketOf(api, admin.token(), sender).get("id").asLong();
        String bounce = """
                Return-Path: <>\r
                From: MAILER-DAEMON@mx.example.net\r
                To: support@rapport.test\r
                Subject: Undelivered Mail\r
                Message-ID: <%s>\r
                Content-Type: multipart/report; report-type=delivery-status; boundary="r"\r
                \r
                --r\r
                Content-Type: text/plain\r
                \r
                Could not deliver.\r
                --r\r
                Content-Type: message/delivery-status\r
                \r
                Final-Recipient: rfc822; %s\r
                Action: failed\r
                Status: 5.1.1\r
                --r\r
                Content-Type: text/rfc822-headers\r
                \r
                Message-ID: <%s>\r
                --r--\r
                """.formatted(Accounts.unique("b") + "@mx.example.net", sender, original);

        MvcResult imported = importRaw(api, admin.token(), bounce.getBytes(StandardCharsets.US_ASCII));

        assertThat(api.json(imported).get("email").get("state").asString()).isEqualTo("bounce");
        JsonNode messages = api.json(api.get(admin.token(), "/api/v1/tickets/" + ticketId + "/messages"));
        assertThat(messages).hasSize(2);
        assertThat(messages.get(1).get("kind").asString()).isEqualTo("note");
        assertThat(messages.get(1).get("text").asString()).startsWith("Delivery failed to " + sender);

        // The address is marked as failing until the customer writes from it again.
        var customer = new org.rapport.shared.CustomerId(Mailboxes.onlyTicketOf(api, admin.token(), sender)
                .get("customerId")
                .asLong());
        assertThat(customerQueries.failing(customer)).containsKey("email:" + sender);
        assertThat(customerQueries.failing(customer).get("email:" + sender)).contains("bounced");
        smtp(message(
                sender,
                Accounts.unique("back") + "@example.com",
                original,
                "Re: Where is my parcel",
                "New address works."));
        assertThat(customerQueries.failing(customer)).isEmpty();
    }

    @Autowired
    org.rapport.customer.CustomerQueries customerQueries;

    @Test
    void newTicketsFromAMailboxGoToItsTeam() {
        var admin = accounts.inNewTeam(Role.ADMIN);
        String sender = Accounts.unique("routed") + "@example.com";
        long support = api.json(api.get(admin.token(), "/api/v1/teams"))
                .valueStream()
                .filter(t -> t.get("name").asString().equals("Support"))
                .findFirst()
                .orElseThrow()
                .get("id")
                .asLong();

        api.perform(
                MockMvcRequestBuilders.post("/api/v1/email/messages?mailbox=Billing@rapport.test")
                        .contentType(MediaType.valueOf("message/rfc822"))
                        .content(
                                message(sender, Accounts.unique("r1") + "@example.com", null, "Invoice", "Wrong VAT.")),
                admin.token());

        assertThat(Mailboxes.onlyTicketOf(api, admin.token(), sender)
                        .get("teamId")
                        .asLong())
                .isEqualTo(support)
                .isEqualTo(1);
    }

    static MvcResult importRaw(Api api, String token, byte[] raw) {
        return api.perform(
                MockMvcRequestBuilders.post("/api/v1/email/messages")
                        .contentType(MediaType.valueOf("message/rfc822"))
                        .content(raw),
                token);
    }

    static byte[] message(String from, String messageId, String inReplyTo, String subject, String text) {
        String raw = "From: " + from + "\r\nTo: support@rapport.test\r\nSubject: " + subject + "\r\nMessage-ID: <"
                + messageId + ">\r\n"
                + (inReplyTo == null ? "" : "In-Reply-To: <" + inReplyTo + ">\r\nReferences: <" + inReplyTo + ">\r\n")
                + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + text.replace("\n", "\r\n")
                + "\r\n";
        return raw.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void pipelinedCommandsAfterDataAreKeptAndARetransmissionWithoutMessageIdIsRecognised() throws Exception {
        var admin = accounts.inNewTeam(Role.ADMIN);
        String sender = Accounts.unique("pia") + "@example.com";
        String mail = "From: " + sender + "\r\nTo: support@rapport.test\r\nSubject: No id here\r\n\r\n"
                + "..a line that starts with a dot\r\nThe end.\r\n";
        String transaction = "MAIL FROM:<" + sender + ">\r\nRCPT TO:<support@rapport.test>\r\nDATA\r\n";
        try (var socket = new java.net.Socket("127.0.0.1", SMTP_PORT)) {
            socket.setSoTimeout(20_000);
            var in = new java.io.BufferedReader(
                    new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            var out = socket.getOutputStream();
            assertThat(in.readLine()).startsWith("220");
            out.write("EHLO test\r\n".getBytes(StandardCharsets.US_ASCII));
            String line;
            while ((line = in.readLine()).startsWith("250-")) {
                // capabilities
            }
            // The same message twice, and a QUIT, written in one go: nothing after the first "." may be lost.
            out.write((transaction + mail + ".\r\n" + transaction + mail + ".\r\nQUIT\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            java.util.List<String> replies = new java.util.ArrayList<>();
            while ((line = in.readLine()) != null) {
                replies.add(line);
                if (line.startsWith("221")) {
                    break;
                }
            }
            assertThat(replies).filteredOn(r -> r.startsWith("354")).hasSize(2);
            assertThat(replies).filteredOn(r -> r.startsWith("250")).hasSize(6);
            assertThat(replies.getLast()).startsWith("221");
        }
        JsonNode ticket = Mailboxes.onlyTicketOf(api, admin.token(), sender);
        JsonNode messages = api.json(
                api.get(admin.token(), "/api/v1/tickets/" + ticket.get("id").asLong() + "/messages"));
        assertThat(messages).hasSize(1);
        assertThat(messages.get(0).get("text").asString()).startsWith(".a line that starts with a dot");
    }

    @Test
    void aMessageOverTheSizeLimitIsRefusedAndTheSessionGoesOn() throws Exception {
        String sender = Accounts.unique("big") + "@example.com";
        try (var socket = new java.net.Socket("127.0.0.1", SMTP_PORT)) {
            socket.setSoTimeout(20_000);
            var in = new java.io.BufferedReader(
                    new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            var out = socket.getOutputStream();
            assertThat(in.readLine()).startsWith("220");
            out.write(("HELO test\r\nMAIL FROM:<" + sender + ">\r\nRCPT TO:<support@rapport.test>\r\nDATA\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            assertThat(in.readLine()).startsWith("250");
            assertThat(in.readLine()).startsWith("250");
            assertThat(in.readLine()).startsWith("250");
            assertThat(in.readLine()).startsWith("354");
            byte[] line = ("x".repeat(998) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            out.write("Subject: big\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 1100; i++) { // 1.1 MB, over the 1 MB limit of this test
                out.write(line);
            }
            out.write(".\r\nNOOP\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(in.readLine()).startsWith("552");
            assertThat(in.readLine()).startsWith("250"); // the NOOP: the session is still in step
        }
    }

    static void smtp(byte[] raw) {
        smtp(SMTP_PORT, raw);
    }

    /** Sends the bytes as they are (no header rewritten) over SMTP to the built-in receiver on {@code port}. */
    static void smtp(int port, byte[] raw) {
        smtp(port, raw, "support@rapport.test");
    }

    /** The same, to one mailbox of ours (the SMTP recipient). */
    static void smtp(int port, byte[] raw, String recipient) {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", Integer.toString(port));
        Session session = Session.getInstance(properties);
        try (Transport transport = session.getTransport("smtp")) {
            MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(raw));
            transport.connect();
            transport.sendMessage(message, new InternetAddress[] {new InternetAddress(recipient)});
        } catch (Exception e) {
            throw new IllegalStateException("SMTP delivery failed", e);
        }
    }
}
