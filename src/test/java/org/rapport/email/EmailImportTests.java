package org.rapport.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rapport.email.EmailChannelTests.importRaw;
import static org.rapport.email.EmailChannelTests.message;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.rapport.Accounts;
import org.rapport.Api;
import org.rapport.RapportTest;
import org.rapport.agent.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import tools.jackson.databind.JsonNode;

/** Mail handed over through the admin API: single messages, mbox files, and what cannot be read. */
@RapportTest
class EmailImportTests {

    @Autowired
    Api api;

    @Autowired
    Accounts accounts;

    @Test
    void unparseableMailIsQuarantinedVisibleAndCanBeDiscarded() {
        var admin = accounts.inNewTeam(Role.ADMIN);
        var agent = accounts.inNewTeam(Role.AGENT);
        byte[] garbage = ("Message-ID: <" + Accounts.unique("q") + "@x>\r\n\r\n").getBytes(StandardCharsets.US_ASCII);

        MvcResult imported = importRaw(api, admin.token(), garbage);

        JsonNode email = api.json(imported).get("email");
        assertThat(email.get("state").asString()).isEqualTo("quarantined");
        assertThat(email.get("limit").asString()).isEqualTo("malformed");
        long id = email.get("id").asLong();
        assertThat(api.json(api.get(admin.token(), "/api/v1/email/quarantine?limit=500")).findValues("id").stream()
                        .map(JsonNode::asLong))
                .contains(id);
        assertThat(api.get(agent.token(), "/api/v1/email/quarantine")
                        .getResponse()
                        .getStatus())
                .isEqualTo(403);
        assertThat(api.get(admin.token(), "/api/v1/email/messages/" + id + "/raw")
                        .getResponse()
                        .getContentAsByteArray())
                .isEqualTo(garbage);
        assertThat(api.json(api.get(admin.token(), "/actuator/health")).toString())
                .contains("quarantined");

        MvcResult discarded = api.post(admin.token(), "/api/v1/email/quarantine/" + id + "/discard", "");
        assertThat(api.json(discarded).get("state").asString()).isEqualTo("discarded");
        assertThat(api.post(admin.token(), "/api/v1/email/quarantine/" + id + "/retry", "")
                        .getResponse()
                        .getStatus())
                .isEqualTo(409);
    }

    @Test
    void mboxImportTakesEveryMessageAndUndoesFromQuoting() throws Exception {
        var admin = accounts.inNewTeam(Role.ADMIN);
        String sender = Accounts.unique("mbox") + "@example.com";
        String first = new String(
                message(sender, Accounts.unique("x1") + "@example.com", null, "One", "Line one\n>From the start"),
                StandardCharsets.UTF_8);
        String second = new String(
                message(sender, Accounts.unique("x2") + "@example.com", null, "Two", "Line two"),
                StandardCharsets.UTF_8);
        String mbox = "From " + sender + " Mon Jun  3 10:00:00 2024\n" + first.replace("\r\n", "\n") + "\nFrom "
                + sender + " Mon Jun  3 10:05:00 2024\n" + second.replace("\r\n", "\n");

        MvcResult imported = api.perform(
                MockMvcRequestBuilders.post("/api/v1/email/mbox")
                        .contentType(MediaType.valueOf("application/mbox"))
                        .content(mbox.getBytes(StandardCharsets.UTF_8)),
                admin.token());

        assertThat(imported.getResponse().getStatus()).isEqualTo(201);
        assertThat(api.json(imported).get("messages").asInt()).isEqualTo(2);
        JsonNode customers = api.json(api.get(admin.token(), "/api/v1/customers?q=" + sender))
                .get("items");
        JsonNode tickets = api.json(api.get(
                        admin.token(),
                        "/api/v1/customers/" + customers.get(0).get("id").asLong() + "/tickets"))
                .get("items");
        assertThat(tickets).hasSize(2);
        long one = tickets.findValues("subject").stream()
                .map(JsonNode::asString)
                .toList()
                .indexOf("One");
        String text = api.json(api.get(
                        admin.token(),
                        "/api/v1/tickets/" + tickets.get((int) one).get("id").asLong() + "/messages"))
                .get(0)
                .get("text")
                .asString();
        assertThat(text).isEqualTo("Line one\nFrom the start");
        assertThat(api.perform(
                                MockMvcRequestBuilders.post("/api/v1/email/mbox")
                                        .contentType(MediaType.valueOf("application/mbox"))
                                        .content("no mbox here".getBytes(StandardCharsets.UTF_8)),
                                admin.token())
                        .getResponse()
                        .getStatus())
                .isEqualTo(400);
    }
}
