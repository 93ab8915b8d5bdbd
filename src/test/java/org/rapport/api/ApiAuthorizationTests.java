package org.rapport.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.rapport.Accounts;
import org.rapport.Api;
import org.rapport.RapportTest;
import org.rapport.access.Scope;
import org.rapport.agent.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

@RapportTest
class ApiAuthorizationTests {

    @Autowired
    Api api;

    @Autowired
    Accounts accounts;

    @Test
    void monitoringTellsStrangersOnlyUpOrDown() throws Exception {
        var reader = accounts.inNewTeam(Role.AGENT, Scope.READ);
        MvcResult anonymous = api.perform(
                org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/actuator/health"), null);
        assertThat(anonymous.getResponse().getStatus()).isEqualTo(200);
        assertThat(anonymous.getResponse().getContentAsString()).contains("UP").doesNotContain("components");
        assertThat(api.perform(
                                org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(
                                        "/actuator/prometheus"),
                                null)
                        .getResponse()
                        .getStatus())
                .isEqualTo(401);
        assertThat(api.get(reader.token(), "/actuator/health").getResponse().getContentAsString())
                .contains("components");
        assertThat(api.get(reader.token(), "/actuator/prometheus").getResponse().getStatus())
                .isEqualTo(200);
    }

    @Test
    void agentOfAnotherTeamGetsNotFoundForEveryTicketEndpoint() {
        var teamA = accounts.inNewTeam(Role.AGENT);
        var teamB = accounts.inNewTeam(Role.AGENT);
        long id = api.openTicket(teamA.token(), teamA.team().value(), "Team A only")
                .get("id")
                .asLong();
        String base = "/api/v1/tickets/" + id;

        assertNotFound(api.get(teamB.token(), base));
        assertNotFound(api.get(teamB.token(), base + "/messages"));
        assertNotFound(api.get(teamB.token(), base + "/audit"));
        assertNotFound(api.patch(teamB.token(), base, "{\"priority\": \"urgent\"}", null));
        assertNotFound(api.post(teamB.token(), base + "/messages", "{\"text\": \"hello\"}"));
        long own = api.openTicket(teamB.token(), teamB.team().value(), "Team B")
                .get("id")
                .asLong();
        assertNotFound(api.post(teamB.token(), "/api/v1/tickets/" + own + "/merge", "{\"into\": " + id + "}"));
        assertThat(api.json(api.get(
                                teamB.token(),
                                "/api/v1/tickets?teamId=" + teamA.team().value()))
                        .get("items"))
                .isEmpty();

        assertThat(api.get(teamA.token(), base).getResponse().getStatus()).isEqualTo(200);
        assertThat(api.json(api.get(teamA.token(), base)).get("priority").asString())
                .isEqualTo("normal");
    }

    @Test
    void supervisorsAndAdminsSeeEveryTeam() {
        var teamA = accounts.inNewTeam(Role.AGENT);
        var supervisor = accounts.inNewTeam(Role.SUPERVISOR);
        var admin = accounts.inNewTeam(Role.ADMIN);
        long id = api.openTicket(teamA.token(), teamA.team().value(), "Visible to leads")
                .get("id")
                .asLong();

        assertThat(api.get(supervisor.token(), "/api/v1/tickets/" + id)
                        .getResponse()
                        .getStatus())
                .isEqualTo(200);
        assertThat(api.get(admin.token(), "/api/v1/tickets/" + id).getResponse().getStatus())
                .isEqualTo(200);
    }

    @Test
    void ticketsWithoutTeamAreTheSharedTriagePoolAndAssigneesSeeTheirOwn() {
        var teamA = accounts.inNewTeam(Role.AGENT);
        var teamB = accounts.inNewTeam(Role.AGENT);
        long pool = api.openTicket(teamA.token(), null, "No team yet").get("id").asLong();

        assertThat(api.get(teamB.token(), "/api/v1/tickets/" + pool)
                        .getResponse()
                        .getStatus())
                .isEqualTo(200);
    }

    @Test
    void readScopeTokenMayReadButNotWrite() {
        var writer = accounts.inNewTeam(Role.AGENT);
        String reader = accounts.token(writer.agent(), Scope.READ);
        long id = api.openTicket(writer.token(), writer.team().value(), "Read only")
                .get("id")
                .asLong();

        assertThat(api.get(reader, "/api/v1/tickets/" + id).getResponse().getStatus())
                .isEqualTo(200);
        MvcResult write = api.patch(reader, "/api/v1/tickets/" + id, "{\"priority\": \"high\"}", null);
        assertThat(write.getResponse().getStatus()).isEqualTo(403);
        assertThat(api.json(write).get("type").asString()).endsWith("/scope");
        assertThat(api.post(reader, "/api/v1/tickets/" + id + "/messages", "{\"text\": \"x\"}")
                        .getResponse()
                        .getStatus())
                .isEqualTo(403);
    }

    @Test
    void missingUnknownAndRevokedTokensAreUnauthorized() {
        var admin = accounts.inNewTeam(Role.ADMIN);
        var agent = accounts.inNewTeam(Role.AGENT);

        MvcResult none = api.get(null, "/api/v1/tickets");
        assertThat(none.getResponse().getStatus()).isEqualTo(401);
        assertThat(none.getResponse().getContentType()).startsWith("application/problem+json");
        assertThat(api.get("rpt_not-a-real-token-at-all-000000", "/api/v1/tickets")
                        .getResponse()
                        .getStatus())
                .isEqualTo(401);

        long tokenId = api.json(api.get(admin.token(), "/api/v1/tokens")).findValues("id").stream()
                .map(JsonNode::asLong)
                .max(Long::compare)
                .orElseThrow();
        JsonNode tokens = api.json(api.get(admin.token(), "/api/v1/tokens"));
        assertThat(tokens.toString()).doesNotContain(agent.token());
        MvcResult created = api.post(
                admin.token(), "/api/v1/tokens", """
                {"agentId": %d, "name": "integration", "scopes": ["read"]}""".formatted(agent.agent().value()));
        assertThat(created.getResponse().getStatus()).isEqualTo(201);
        String secret = api.json(created).get("secret").asString();
        long newId = api.json(created).get("token").get("id").asLong();
        assertThat(newId).isGreaterThan(tokenId);
        assertThat(api.get(secret, "/api/v1/tickets").getResponse().getStatus()).isEqualTo(200);

        assertThat(api.perform(
                                org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete(
                                        "/api/v1/tokens/" + newId),
                                admin.token())
                        .getResponse()
                        .getStatus())
                .isEqualTo(200);
        assertThat(api.get(secret, "/api/v1/tickets").getResponse().getStatus()).isEqualTo(401);
    }

    @Test
    void onlyAdminsManageTokensAgentsTeamsAndFields() {
        var agent = accounts.inNewTeam(Role.AGENT);
        var supervisor = accounts.inNewTeam(Role.SUPERVISOR);

        assertThat(api.get(agent.token(), "/api/v1/tokens").getResponse().getStatus())
                .isEqualTo(403);
        assertThat(api.get(supervisor.token(), "/api/v1/tokens").getResponse().getStatus())
                .isEqualTo(403);
        assertThat(api.post(agent.token(), "/api/v1/teams", "{\"name\": \"Rogue\"}")
                        .getResponse()
                        .getStatus())
                .isEqualTo(403);
        assertThat(api.post(agent.token(), "/api/v1/agents", """
                {"email": "new@example.com", "name": "New", "role": "admin"}""").getResponse().getStatus())
                .isEqualTo(403);
        assertThat(api.patch(agent.token(), "/api/v1/agents/" + agent.agent().value(), "{\"role\": \"admin\"}", null)
                        .getResponse()
                        .getStatus())
                .isEqualTo(403);
        assertThat(api.post(agent.token(), "/api/v1/custom-fields", """
                {"key": "x", "label": "X", "type": "text"}""")
                        .getResponse()
                        .getStatus())
                .isEqualTo(403);
    }

    @Test
    void agentMaySetOwnPresenceOnly() {
        var agent = accounts.inNewTeam(Role.AGENT);
        var other = accounts.inNewTeam(Role.AGENT);

        MvcResult own = api.patch(
                agent.token(), "/api/v1/agents/" + agent.agent().value(), "{\"presence\": \"on_break\"}", null);
        assertThat(own.getResponse().getStatus()).isEqualTo(200);
        assertThat(api.json(own).get("presence").asString()).isEqualTo("on_break");
        assertThat(api.patch(
                                agent.token(),
                                "/api/v1/agents/" + other.agent().value(),
                                "{\"presence\": \"offline\"}",
                                null)
                        .getResponse()
                        .getStatus())
                .isEqualTo(403);
    }

    @Test
    void bootstrapTokenFromTheEnvironmentActsForTheFirstAdmin() {
        MvcResult agents = api.get("bootstrap-token-for-tests-0123456789", "/api/v1/agents");

        assertThat(agents.getResponse().getStatus()).isEqualTo(200);
        assertThat(api.json(agents).findValuesAsString("email")).contains("admin@rapport.test");
    }

    private void assertNotFound(MvcResult result) {
        assertThat(result.getResponse().getStatus()).as(Api.contentOf(result)).isEqualTo(404);
        assertThat(api.json(result).get("type").asString()).endsWith("/not-found");
    }

    @Test
    void writingToAMergedTicketNeedsAccessToTheTicketItWasMergedInto() {
        var teamA = accounts.inNewTeam(Role.AGENT);
        var teamB = accounts.inNewTeam(Role.AGENT);
        var admin = accounts.inNewTeam(Role.ADMIN);
        long pool = api.openTicket(teamA.token(), null, "Triage").get("id").asLong();
        long other = api.openTicket(teamB.token(), teamB.team().value(), "Team B's")
                .get("id")
                .asLong();
        api.post(admin.token(), "/api/v1/tickets/" + pool + "/merge", "{\"into\": " + other + "}");

        MvcResult result =
                api.post(teamA.token(), "/api/v1/tickets/" + pool + "/messages", "{\"text\": \"sneaking in\"}");

        assertThat(result.getResponse().getStatus()).isEqualTo(404);
        assertThat(api.json(api.get(admin.token(), "/api/v1/tickets/" + other + "/messages")))
                .hasSize(2);
    }

    @Test
    void manyFirstRequestsWithANewTokenAtOnceDoNotStarveTheConnectionPool() throws Exception {
        var agent = accounts.inNewTeam(Role.AGENT);
        int requests = 40; // more than the pool's connections, all missing the token cache together
        var start = new java.util.concurrent.CountDownLatch(1);
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(requests)) {
            var statuses = new java.util.ArrayList<java.util.concurrent.Future<Integer>>();
            for (int i = 0; i < requests; i++) {
                statuses.add(pool.submit(() -> {
                    start.await();
                    return api.get(agent.token(), "/api/v1/teams").getResponse().getStatus();
                }));
            }
            start.countDown();
            for (var status : statuses) {
                assertThat(status.get(20, java.util.concurrent.TimeUnit.SECONDS))
                        .isEqualTo(200);
            }
        }
    }
}
