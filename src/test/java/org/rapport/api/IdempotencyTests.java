package org.rapport.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.rapport.Accounts;
import org.rapport.Accounts.Account;
import org.rapport.Api;
import org.rapport.RapportTest;
import org.rapport.access.Scope;
import org.rapport.agent.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import tools.jackson.databind.JsonNode;

@RapportTest
class IdempotencyTests {

    private static final String REPLAYED = "Idempotent-Replayed";

    @Autowired
    Api api;

    @Autowired
    Accounts accounts;

    @Test
    void repeatedKeyReplaysTheFirstResponseAndOpensOneTicket() {
        var agent = accounts.inNewTeam(Role.AGENT);
        String key = Accounts.unique("key");
        String body = ticket(agent, email(), "Parcel lost");

        MvcResult first = post(agent.token(), "/api/v1/tickets", key, body);
        MvcResult second = post(agent.token(), "/api/v1/tickets", key, body);

        assertThat(first.getResponse().getStatus()).as(Api.contentOf(first)).isEqualTo(201);
        assertThat(first.getResponse().getHeader(REPLAYED)).isNull();
        assertThat(second.getResponse().getStatus()).as(Api.contentOf(second)).isEqualTo(201);
        assertThat(second.getResponse().getHeader(REPLAYED)).isEqualTo("true");
        assertThat(second.getResponse().getHeader("Location"))
                .isNotNull()
                .isEqualTo(first.getResponse().getHeader("Location"));
        assertThat(second.getResponse().getHeader("ETag"))
                .isNotNull()
                .isEqualTo(first.getResponse().getHeader("ETag"));
        JsonNode ticket = api.json(first);
        assertThat(api.json(second)).isEqualTo(ticket);
        assertThat(ticketsOf(agent, ticket.get("customerId").asLong()))
                .containsExactly(ticket.get("id").asLong());
    }

    @Test
    void refusesTheSameKeyForADifferentRequest() {
        var agent = accounts.inNewTeam(Role.AGENT);
        String key = Accounts.unique("key");
        String email = email();

        MvcResult first = post(agent.token(), "/api/v1/tickets", key, ticket(agent, email, "Parcel lost"));
        MvcResult changed = post(agent.token(), "/api/v1/tickets", key, ticket(agent, email, "Parcel found"));
        MvcResult elsewhere = post(agent.token(), "/api/v1/customers", key, "{\"name\": \"Someone Else\"}");

        assertThat(first.getResponse().getStatus()).as(Api.contentOf(first)).isEqualTo(201);
        assertKeyReused(changed);
        assertKeyReused(elsewhere);
        JsonNode ticket = api.json(first);
        assertThat(ticketsOf(agent, ticket.get("customerId").asLong()))
                .containsExactly(ticket.get("id").asLong());
        assertThat(api.json(api.get(
                                agent.token(),
                                "/api/v1/tickets/" + ticket.get("id").asLong()))
                        .get("subject")
                        .asString())
                .isEqualTo("Parcel lost");
    }

    @Test
    void concurrentRequestsWithOneKeyOpenOneTicketAndAllGetIt() throws Exception {
        var agent = accounts.inNewTeam(Role.AGENT);
        String key = Accounts.unique("key");
        String body = ticket(agent, email(), "Sent eight times at once");
        int callers = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        List<MvcResult> results = new ArrayList<>();
        try {
            List<Future<MvcResult>> futures = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return post(agent.token(), "/api/v1/tickets", key, body);
                }));
            }
            start.countDown();
            for (Future<MvcResult> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }

        Set<Long> ids = new HashSet<>();
        int replayed = 0;
        for (MvcResult result : results) {
            assertThat(result.getResponse().getStatus())
                    .as(Api.contentOf(result))
                    .isEqualTo(201);
            ids.add(api.json(result).get("id").asLong());
            if ("true".equals(result.getResponse().getHeader(REPLAYED))) {
                replayed++;
            }
        }
        assertThat(ids).hasSize(1);
        assertThat(replayed).isEqualTo(callers - 1);
        long customer = api.json(results.getFirst()).get("customerId").asLong();
        assertThat(ticketsOf(agent, customer)).containsExactlyElementsOf(ids);
    }

    @Test
    void keysBelongToTheCallerSoAnotherTokenMayUseTheSameKey() {
        var agent = accounts.inNewTeam(Role.AGENT);
        String otherToken = accounts.token(agent.agent(), Scope.READ, Scope.WRITE);
        String key = Accounts.unique("key");
        String body = ticket(agent, email(), "Two integrations, one key");

        MvcResult first = post(agent.token(), "/api/v1/tickets", key, body);
        MvcResult second = post(otherToken, "/api/v1/tickets", key, body);

        assertThat(first.getResponse().getStatus()).as(Api.contentOf(first)).isEqualTo(201);
        assertThat(second.getResponse().getStatus()).as(Api.contentOf(second)).isEqualTo(201);
        assertThat(first.getResponse().getHeader(REPLAYED)).isNull();
        assertThat(second.getResponse().getHeader(REPLAYED)).isNull();
        long firstId = api.json(first).get("id").asLong();
        long secondId = api.json(second).get("id").asLong();
        assertThat(secondId).isNotEqualTo(firstId);
        assertThat(ticketsOf(agent, api.json(first).get("customerId").asLong()))
                .containsExactlyInAnyOrder(firstId, secondId);
    }

    @Test
    void replayedTokenCreationDoesNotRevealTheSecretAgain() {
        var admin = accounts.inNewTeam(Role.ADMIN);
        var holder = accounts.inNewTeam(Role.AGENT);
        String key = Accounts.unique("key");
        String name = Accounts.unique("integration");
        String body = """
                {"agentId": %d, "name": "%s", "scopes": ["read"]}""".formatted(holder.agent().value(), name);

        MvcResult first = post(admin.token(), "/api/v1/tokens", key, body);
        MvcResult second = post(admin.token(), "/api/v1/tokens", key, body);

        assertThat(first.getResponse().getStatus()).as(Api.contentOf(first)).isEqualTo(201);
        assertThat(first.getResponse().getHeaders("Cache-Control"))
                .anySatisfy(v -> assertThat(v).contains("no-store"));
        String secret = api.json(first).get("secret").asString();
        assertThat(secret).isNotBlank();
        assertThat(second.getResponse().getStatus()).as(Api.contentOf(second)).isEqualTo(201);
        assertThat(second.getResponse().getHeader(REPLAYED)).isEqualTo("true");
        JsonNode replay = api.json(second);
        assertThat(replay.get("token").get("id").asLong())
                .isEqualTo(api.json(first).get("token").get("id").asLong());
        assertThat(replay.path("secret").isNull() || replay.path("secret").isMissingNode())
                .as(replay.toString())
                .isTrue();
        assertThat(Api.contentOf(second)).doesNotContain(secret);
        assertThat(api.json(api.get(admin.token(), "/api/v1/tokens")).findValuesAsString("name"))
                .containsOnlyOnce(name);
        assertThat(api.get(secret, "/api/v1/tickets").getResponse().getStatus()).isEqualTo(200);
    }

    @Test
    void refusesAMalformedKeyNamingTheHeader() {
        var agent = accounts.inNewTeam(Role.AGENT);

        MvcResult result = post(agent.token(), "/api/v1/tickets", "has spaces", ticket(agent, email(), "Bad key"));

        assertThat(result.getResponse().getStatus()).as(Api.contentOf(result)).isEqualTo(400);
        assertThat(api.json(result).get("field").asString()).isEqualTo("Idempotency-Key");
    }

    private MvcResult post(String token, String path, String key, String body) {
        return api.perform(
                MockMvcRequestBuilders.post(path)
                        .contentType(MediaType.APPLICATION_JSON)
                        .header("Idempotency-Key", key)
                        .content(body),
                token);
    }

    private void assertKeyReused(MvcResult result) {
        assertThat(result.getResponse().getStatus()).as(Api.contentOf(result)).isEqualTo(422);
        assertThat(MediaType.parseMediaType(result.getResponse().getContentType())
                        .equalsTypeAndSubtype(MediaType.APPLICATION_PROBLEM_JSON))
                .isTrue();
        JsonNode problem = api.json(result);
        assertThat(problem.get("type").asString()).isEqualTo("https://rapport.dev/problems/idempotency-key-reused");
        assertThat(problem.get("field").asString()).isEqualTo("Idempotency-Key");
    }

    private List<Long> ticketsOf(Account agent, long customer) {
        MvcResult result = api.get(agent.token(), "/api/v1/customers/" + customer + "/tickets");
        assertThat(result.getResponse().getStatus()).as(Api.contentOf(result)).isEqualTo(200);
        List<Long> ids = new ArrayList<>();
        api.json(result).get("items").forEach(t -> ids.add(t.get("id").asLong()));
        return ids;
    }

    private static String ticket(Account agent, String email, String subject) {
        return """
                {"subject": "%s", "customer": {"email": "%s", "name": "Jo"}, "teamId": %d,
                 "message": {"text": "Tracking shows nothing since Monday."}}""".formatted(subject, email, agent.team().value());
    }

    private static String email() {
        return Accounts.unique("jo") + "@example.com";
    }
}
