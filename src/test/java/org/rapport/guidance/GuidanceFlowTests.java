package org.rapport.guidance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.rapport.Accounts;
import org.rapport.Accounts.Account;
import org.rapport.Api;
import org.rapport.RapportTest;
import org.rapport.access.Scope;
import org.rapport.agent.Role;
import org.rapport.shared.TicketId;
import org.rapport.ticket.TicketNotices;
import org.rapport.ticket.TicketQueries;
import org.rapport.ticket.TicketScope;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.JsonNode;

/**
 * Policies (versioned, admin-only), assessments, the reply check (API and the panel by the reply box), and
 * promises in sent replies becoming commitments that alert when overdue.
 */
@RapportTest
@Import(GuidanceFlowTests.Heard.class)
class GuidanceFlowTests {

    @TestConfiguration
    static class Heard {
        final List<CommitmentDue> due = new CopyOnWriteArrayList<>();

        @EventListener
        void on(CommitmentDue event) {
            due.add(event);
        }
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    Accounts accounts;

    @Autowired
    Api api;

    @Autowired
    TicketQueries tickets;

    @Autowired
    Commitments commitments;

    @Autowired
    TicketNotices notices;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Heard heard;

    RequestPostProcessor as(Account account, String role) {
        return user(account.email()).roles(role);
    }

    MvcResult json(String method, String token, String path, String body) throws Exception {
        var request = switch (method) {
            case "PUT" -> put(path);
            case "DELETE" -> delete(path);
            case "PATCH" -> patch(path);
            default -> post(path);
        };
        return api.perform(request.contentType(MediaType.APPLICATION_JSON).content(body == null ? "" : body), token);
    }

    @Test
    void policiesAreAdminOnlyAndEveryChangeIsANewVersion() throws Exception {
        Account admin = accounts.inNewTeam(Role.ADMIN);
        Account agent = accounts.inNewTeam(Role.AGENT);
        String key = Accounts.unique("late").toLowerCase();
        String body = """
                {"key": "%s", "name": "Late delivery", "complaintKind": "delivery", "keywords": ["parcel", "late"],
                 "refundMax": 50, "refundDays": 30, "remedies": ["refund", "replacement"], "supervisorAbove": 100}""".formatted(key);
        assertThat(json("POST", agent.token(), "/api/v1/guidance/policies", body)
                        .getResponse()
                        .getStatus())
                .isEqualTo(403);
        MvcResult created = json("POST", admin.token(), "/api/v1/guidance/policies", body);
        assertThat(created.getResponse().getStatus()).isEqualTo(201);
        assertThat(api.json(created).get("version").asInt()).isEqualTo(1);
        assertThat(json("POST", admin.token(), "/api/v1/guidance/policies", body)
                        .getResponse()
                        .getStatus())
                .isEqualTo(409);
        MvcResult revised = json("PUT", admin.token(), "/api/v1/guidance/policies/" + key, body.replace("50", "80"));
        assertThat(revised.getResponse().getStatus()).isEqualTo(200);
        assertThat(api.json(revised).get("version").asInt()).isEqualTo(2);
        JsonNode versions = api.json(api.get(agent.token(), "/api/v1/guidance/policies/" + key + "/versions"));
        assertThat(versions).hasSize(2);
        assertThat(versions.get(1).get("limits").get("refundMax").decimalValue())
                .isEqualByComparingTo("50");
        // Bad input is a precise 400, never a 500.
        for (String bad : List.of(
                body.replace("\"refundMax\": 50", "\"refundMax\": -5"),
                body.replace("\"refund\", \"replacement\"", "\"teleport\""),
                body.replace("\"name\": \"Late delivery\"", "\"name\": \"\""),
                body.replace("\"supervisorAbove\": 100", "\"supervisorAbove\": 10"),
                body.replace("[\"parcel\", \"late\"]", "[null, \"late\"]").replace("\"late\"]", "\"la\\u0000te\"]"),
                body.replace("[\"refund\", \"replacement\"]", "[null]"),
                body.replace("\"name\": \"Late delivery\"", "\"name\": \"Late\\u0000delivery\"")
                        .replace("\"key\": \"" + key + "\", ", ""),
                "{not json")) {
            assertThat(json("PUT", admin.token(), "/api/v1/guidance/policies/" + key, bad)
                            .getResponse()
                            .getStatus())
                    .as(bad)
                    .isEqualTo(400);
        }
        assertThat(json("POST", admin.token(), "/api/v1/guidance/policies", body.replace(key, "../../etc"))
                        .getResponse()
                        .getStatus())
                .isEqualTo(400);
        assertThat(json("DELETE", admin.token(), "/api/v1/guidance/policies/" + key, null)
                        .getResponse()
                        .getStatus())
                .isEqualTo(204);
        // Retired is retired: changing it is a conflict, retiring again changes nothing.
        assertThat(json("PUT", admin.token(), "/api/v1/guidance/policies/" + key, body)
                        .getResponse()
                        .getStatus())
                .isEqualTo(409);
        assertThat(json("DELETE", admin.token(), "/api/v1/guidance/policies/" + key, null)
                        .getResponse()
                        .getStatus())
                .isEqualTo(204);
        assertThat(api.json(api.get(agent.token(), "/api/v1/guidance/policies/" + key + "/versions")))
                .hasSize(3);
        assertThat(api.json(api.get(agent.token(), "/api/v1/guidance/policies")).toString())
                .doesNotContain(key);
    }

    @Test
    void theReplyCheckFindsGuaranteesAndBlameAndReadsThePromisesDueDates() throws Exception {
        Account reader = accounts.inNewTeam(Role.AGENT, Scope.READ);
        MvcResult result = json("POST", reader.token(), "/api/v1/guidance/check", """
                {"draft": "As I already said, you should have read the manual. We guarantee this will never happen again. I'll call you tomorrow.",
                 "customerMessage": "My washing machine flooded the kitchen, this is the third time and I am furious!",
                 "assessment": "not_justified"}""");
        assertThat(result.getResponse().getStatus()).isEqualTo(200);
        JsonNode check = api.json(result);
        assertThat(check.get("findings").toString())
                .contains("absolute_guarantee")
                .contains("defensive_language");
        assertThat(check.get("promises")).isNotEmpty();
        assertThat(check.get("promises").get(0).get("dueAt").asString()).isNotBlank();
        for (String bad : List.of(
                "{}",
                "{\"draft\": 42}",
                "{\"draft\": \"ok\", \"assessment\": \"maybe\"}",
                "{\"draft\": \"ok\", \"policyIds\": [999999999]}",
                "{\"draft\": \"ok\", \"policyIds\": [null]}",
                "{\"draft\": \"" + "a".repeat(20_001) + "\"}")) {
            int status = json("POST", reader.token(), "/api/v1/guidance/check", bad)
                    .getResponse()
                    .getStatus();
            assertThat(status).as(bad).isBetween(400, 404);
        }
    }

    @Test
    void assessmentsAreAuditedAndOnlyForThoseWhoSeeTheTicket() throws Exception {
        Account agent = accounts.inNewTeam(Role.AGENT);
        Account other = accounts.inNewTeam(Role.AGENT);
        long id = api.openTicket(agent.token(), agent.team().value(), "Broken lamp")
                .get("id")
                .asLong();
        String body = "{\"verdict\": \"justified\", \"reason\": \"Arrived broken, photos attached.\"}";
        assertThat(json("PUT", other.token(), "/api/v1/tickets/" + id + "/assessment", body)
                        .getResponse()
                        .getStatus())
                .isEqualTo(404);
        assertThat(json("PUT", agent.token(), "/api/v1/tickets/" + id + "/assessment", "{\"verdict\": \"justified\"}")
                        .getResponse()
                        .getStatus())
                .isEqualTo(400); // a verdict needs a reason or a policy
        assertThat(json(
                                "PUT",
                                agent.token(),
                                "/api/v1/tickets/" + id + "/assessment",
                                "{\"verdict\": \"justified\", \"reason\": \"bad\\u0000byte\"}")
                        .getResponse()
                        .getStatus())
                .isEqualTo(400);
        assertThat(json("PUT", agent.token(), "/api/v1/tickets/" + id + "/assessment", body)
                        .getResponse()
                        .getStatus())
                .isEqualTo(200);
        assertThat(api.json(api.get(agent.token(), "/api/v1/tickets/" + id + "/assessment"))
                        .get("verdict")
                        .asString())
                .isEqualTo("justified");
        assertThat(tickets.auditTrail(new TicketId(id), TicketScope.ALL))
                .anySatisfy(e -> assertThat(e.field()).isEqualTo("assessment"));
        mvc.perform(post("/tickets/" + id + "/assessment")
                        .with(as(agent, "AGENT"))
                        .with(csrf())
                        .param("verdict", "not_justified")
                        .param("reason", "Damage from misuse."))
                .andExpect(status().is3xxRedirection());
        assertThat(api.json(api.get(agent.token(), "/api/v1/tickets/" + id + "/assessment"))
                        .get("verdict")
                        .asString())
                .isEqualTo("not_justified");
    }

    @Test
    void promisesInASentReplyBecomeCommitmentsThatAlertOnceWhenOverdue() throws Exception {
        Account agent = accounts.inNewTeam(Role.AGENT);
        Account supervisor = accounts.inNewTeam(Role.SUPERVISOR);
        Account stranger = accounts.inNewTeam(Role.AGENT);
        long id = api.openTicket(agent.token(), agent.team().value(), "Refund please")
                .get("id")
                .asLong();
        TicketId ticket = new TicketId(id);
        String panel = mvc.perform(post("/tickets/" + id + "/check")
                        .with(as(agent, "AGENT"))
                        .with(csrf())
                        .param("text", "We guarantee a refund. I will call you tomorrow."))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(panel).contains("An absolute guarantee").contains("Promises this reply makes");

        mvc.perform(post("/tickets/" + id + "/reply")
                        .with(as(agent, "AGENT"))
                        .with(csrf())
                        .param("kind", "reply")
                        .param("seen", "999999999")
                        .param("text", "I'm sorry about the wait. I will refund the order within 5 business days."))
                .andExpect(status().is3xxRedirection());
        List<Commitment> made = commitments.of(ticket);
        assertThat(made).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo("refund");
            assertThat(c.agent()).isEqualTo(agent.agent());
            assertThat(c.dueAt()).isAfter(Instant.now().plus(Duration.ofDays(4)));
            assertThat(c.open()).isTrue();
        });
        long commitment = made.getFirst().id();
        String page = mvc.perform(get("/tickets/" + id).with(as(agent, "AGENT")))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("refund the order within 5 business days").contains("Promises made");
        assertThat(mvc.perform(get("/commitments").with(as(agent, "AGENT")))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .contains("#" + tickets.get(ticket, TicketScope.ALL).number());

        // Someone who cannot see the ticket cannot touch its promise.
        mvc.perform(post("/commitments/" + commitment)
                        .with(as(stranger, "AGENT"))
                        .with(csrf())
                        .param("state", "dismissed"))
                .andExpect(status().isNotFound());
        assertThat(json(
                                "PATCH",
                                agent.token(),
                                "/api/v1/commitments/" + commitment,
                                "{\"dueAt\": \"+1000000000-12-31T23:59:59Z\"}")
                        .getResponse()
                        .getStatus())
                .isEqualTo(400);
        assertThat(json("PATCH", stranger.token(), "/api/v1/commitments/" + commitment, "{\"state\": \"kept\"}")
                        .getResponse()
                        .getStatus())
                .isEqualTo(404);

        jdbc.sql("UPDATE guidance_commitment SET due_at = now() - interval '1 hour' WHERE id = ?")
                .param(commitment)
                .update();
        commitments.alertOverdue();
        commitments.alertOverdue();
        assertThat(notices.unread(agent.agent(), 50))
                .filteredOn(n -> n.kind().equals("overdue") && n.ticket().equals(ticket))
                .hasSize(1);
        assertThat(notices.unread(supervisor.agent(), 50))
                .anySatisfy(n -> assertThat(n.text()).contains("overdue"));
        assertThat(heard.due).filteredOn(e -> e.commitment() == commitment).hasSize(1);

        mvc.perform(post("/commitments/" + commitment)
                        .with(as(agent, "AGENT"))
                        .with(csrf())
                        .param("due", "2030-01-15T17:00"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(post("/commitments/" + commitment)
                        .with(as(agent, "AGENT"))
                        .with(csrf())
                        .param("due", "next tuesday"))
                .andExpect(status().is3xxRedirection()); // refused with a message, nothing changed
        assertThat(commitments.get(commitment).corrected()).isTrue();
        assertThat(commitments.get(commitment).dueAt()).isEqualTo(Instant.parse("2030-01-15T17:00:00Z"));
        mvc.perform(post("/commitments/" + commitment)
                        .with(as(agent, "AGENT"))
                        .with(csrf())
                        .param("state", "kept"))
                .andExpect(status().is3xxRedirection());
        assertThat(commitments.get(commitment).state()).isEqualTo("kept");
        assertThat(tickets.auditTrail(ticket, TicketScope.ALL))
                .anySatisfy(e -> assertThat(e.field()).startsWith("commitment " + commitment));

        // Merged into another ticket, the promise goes along with its message.
        long other = api.openTicket(agent.token(), agent.team().value(), "Refund please, again")
                .get("id")
                .asLong();
        long otherNumber = tickets.get(new TicketId(other), TicketScope.ALL).number();
        assertThat(api.post(agent.token(), "/api/v1/tickets/" + id + "/merge", "{\"into\": " + other + "}")
                        .getResponse()
                        .getStatus())
                .isBetween(200, 204);
        assertThat(commitments.get(commitment).ticket()).isEqualTo(new TicketId(other));
        assertThat(commitments.get(commitment).ticketNumber()).isEqualTo(otherNumber);
    }
}
