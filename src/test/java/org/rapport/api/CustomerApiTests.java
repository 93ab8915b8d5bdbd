package org.rapport.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.rapport.Accounts;
import org.rapport.Accounts.Account;
import org.rapport.Api;
import org.rapport.RapportTest;
import org.rapport.agent.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import tools.jackson.databind.JsonNode;

@RapportTest
class CustomerApiTests {

    @Autowired
    Api api;

    @Autowired
    Accounts accounts;

    @Test
    void createsCustomerWithNormalisedIdentitiesAndServesItWithItsVersion() {
        var agent = accounts.inNewTeam(Role.AGENT);
        String email = Accounts.unique("dana") + "@Example.COM";
        String digits = digits(8);

        MvcResult created = api.post(
                agent.token(), "/api/v1/customers", """
                {"name": "Dana Scully", "organization": "Field Office", "identities": [
                  {"kind": "email", "value": "%s"},
                  {"kind": "phone", "value": "+49 (30) %s-%s"}]}""".formatted(email, digits.substring(0, 4), digits.substring(4)));

        assertThat(created.getResponse().getStatus()).as(Api.contentOf(created)).isEqualTo(201);
        JsonNode customer = api.json(created);
        long id = customer.get("id").asLong();
        String etag = created.getResponse().getHeader("ETag");
        assertThat(etag).isEqualTo("\"" + customer.get("version").asLong() + "\"");
        assertThat(created.getResponse().getHeader("Location")).endsWith("/api/v1/customers/" + id);
        assertThat(customer.get("name").asString()).isEqualTo("Dana Scully");
        assertThat(customer.get("organization").asString()).isEqualTo("Field Office");
        assertThat(customer.get("mergedIntoId").isNull()).isTrue();
        assertThat(identities(customer))
                .containsExactly("email:" + email.toLowerCase(Locale.ROOT), "phone:+4930" + digits);

        MvcResult read = api.get(agent.token(), "/api/v1/customers/" + id);

        assertThat(read.getResponse().getStatus()).isEqualTo(200);
        assertThat(read.getResponse().getHeader("ETag")).isEqualTo(etag);
        assertThat(api.json(read)).isEqualTo(customer);
    }

    @Test
    void updatesDetailsWithIfMatchAndRefusesAStaleVersion() {
        var agent = accounts.inNewTeam(Role.AGENT);
        MvcResult created = create(agent.token(), "Fox Mulder", email("fox"));
        long id = api.json(created).get("id").asLong();
        String etag = created.getResponse().getHeader("ETag");

        MvcResult updated = api.patch(agent.token(), "/api/v1/customers/" + id, """
                {"name": "Fox W. Mulder", "organization": "Basement Unit", "language": "de-ch",
                 "timeZone": "Europe/Zurich", "tags": ["VIP", "beta"]}""", etag);

        assertThat(updated.getResponse().getStatus()).as(Api.contentOf(updated)).isEqualTo(200);
        String newEtag = updated.getResponse().getHeader("ETag");
        assertThat(newEtag).isNotNull().isNotEqualTo(etag);
        JsonNode customer = api.json(updated);
        assertThat(customer.get("name").asString()).isEqualTo("Fox W. Mulder");
        assertThat(customer.get("organization").asString()).isEqualTo("Basement Unit");
        assertThat(customer.get("language").asString()).isEqualTo("de-CH");
        assertThat(customer.get("timeZone").asString()).isEqualTo("Europe/Zurich");
        assertThat(customer.get("tags").toString()).isEqualTo("[\"vip\",\"beta\"]");

        MvcResult stale = api.patch(agent.token(), "/api/v1/customers/" + id, "{\"notes\": \"written late\"}", etag);

        assertProblem(stale, 412, "stale-version");
        assertThat(api.json(api.get(agent.token(), "/api/v1/customers/" + id))
                        .get("notes")
                        .asString())
                .isNotEqualTo("written late");
        MvcResult current =
                api.patch(agent.token(), "/api/v1/customers/" + id, "{\"notes\": \"written in time\"}", newEtag);
        assertThat(current.getResponse().getStatus()).as(Api.contentOf(current)).isEqualTo(200);
        assertThat(api.json(current).get("notes").asString()).isEqualTo("written in time");
    }

    @Test
    void refusesInvalidLanguageAndTimeZoneNamingTheField() {
        var agent = accounts.inNewTeam(Role.AGENT);
        long id = id(create(agent.token(), "Walter Skinner", email("walter")));

        MvcResult language = api.patch(agent.token(), "/api/v1/customers/" + id, "{\"language\": \"12345\"}", null);
        MvcResult zone =
                api.patch(agent.token(), "/api/v1/customers/" + id, "{\"timeZone\": \"Mars/Olympus_Mons\"}", null);

        assertThat(assertProblem(language, 400, "invalid-value").get("field").asString())
                .isEqualTo("language");
        assertThat(assertProblem(zone, 400, "invalid-value").get("field").asString())
                .isEqualTo("timeZone");
        JsonNode customer = api.json(api.get(agent.token(), "/api/v1/customers/" + id));
        assertThat(customer.get("language").isNull()).isTrue();
        assertThat(customer.get("timeZone").isNull()).isTrue();
    }

    @Test
    void refusesAnIdentityThatBelongsToAnotherCustomer() {
        var agent = accounts.inNewTeam(Role.AGENT);
        String taken = email("owner");
        long owner = id(create(agent.token(), "Owner", taken));
        long other = id(create(agent.token(), "Other", email("other")));

        MvcResult result = api.post(agent.token(), "/api/v1/customers/" + other + "/identities", """
                {"kind": "email", "value": "%s"}""".formatted(
                        taken.toUpperCase(Locale.ROOT)));

        JsonNode problem = assertProblem(result, 409, "conflict");
        assertThat(problem.get("detail").asString()).contains(Long.toString(owner));
        assertThat(identities(api.json(api.get(agent.token(), "/api/v1/customers/" + owner))))
                .containsExactly("email:" + taken);
        assertThat(identities(api.json(api.get(agent.token(), "/api/v1/customers/" + other))))
                .doesNotContain("email:" + taken);
    }

    @Test
    void addsAndRemovesIdentitiesWithAnAuditTrail() {
        var agent = accounts.inNewTeam(Role.AGENT);
        String email = email("monica");
        long id = id(create(agent.token(), "Monica Reyes", email));
        String phone = "+3120" + digits(7);

        MvcResult added = api.post(agent.token(), "/api/v1/customers/" + id + "/identities", """
                {"kind": "phone", "value": "%s"}""".formatted(phone));
        MvcResult removed = removeIdentity(agent.token(), id, "email", email);

        assertThat(added.getResponse().getStatus()).as(Api.contentOf(added)).isEqualTo(200);
        assertThat(identities(api.json(added))).containsExactly("email:" + email, "phone:" + phone);
        assertThat(removed.getResponse().getStatus()).as(Api.contentOf(removed)).isEqualTo(200);
        assertThat(identities(api.json(removed))).containsExactly("phone:" + phone);
        assertProblem(removeIdentity(agent.token(), id, "email", email), 404, "not-found");

        JsonNode audit = api.json(api.get(agent.token(), "/api/v1/customers/" + id + "/audit"));
        List<JsonNode> changes = entries(audit, "identity");
        assertThat(changes)
                .anySatisfy(e -> {
                    assertThat(e.get("before").isNull()).isTrue();
                    assertThat(e.get("after").asString()).isEqualTo("phone:" + phone);
                })
                .anySatisfy(e -> {
                    assertThat(e.get("before").asString()).isEqualTo("email:" + email);
                    assertThat(e.get("after").isNull()).isTrue();
                });
        assertThat(changes)
                .allSatisfy(
                        e -> assertThat(e.get("actor").get("kind").asString()).isEqualTo("api_token"));
    }

    @Test
    void searchFindsCustomersByNameAndByIdentity() {
        var agent = accounts.inNewTeam(Role.AGENT);
        String marker = Accounts.unique("zephyr");
        long byName = id(create(agent.token(), "Ada " + marker, email("ada")));
        String handle = Accounts.unique("quill");
        long byIdentity = id(create(agent.token(), "Grace Hopper", handle + "@example.com"));

        JsonNode names = api.json(api.get(agent.token(), "/api/v1/customers?q=" + marker));
        JsonNode addresses = api.json(api.get(agent.token(), "/api/v1/customers?q=" + handle.toUpperCase(Locale.ROOT)));

        assertThat(ids(names.get("items"))).containsExactly(byName);
        assertThat(ids(addresses.get("items"))).containsExactly(byIdentity);
    }

    @Test
    void mergeMovesIdentitiesAtOnceAndTicketsShortlyAfterWithAnAuditTrail() {
        var agent = accounts.inNewTeam(Role.AGENT);
        String email = email("sam");
        String phone = "+4420" + digits(8);
        long merged = id(create(agent.token(), "Sam (old record)", email));
        long survivor = id(create(agent.token(), "Sam Taylor", phone));
        long ticket = openTicket(agent, merged, "Order 1234 missing");

        MvcResult result =
                api.post(agent.token(), "/api/v1/customers/" + merged + "/merge", "{\"into\": %d}".formatted(survivor));

        assertThat(result.getResponse().getStatus()).as(Api.contentOf(result)).isEqualTo(200);
        JsonNode after = api.json(result);
        assertThat(after.get("id").asLong()).isEqualTo(survivor);
        assertThat(identities(after)).containsExactlyInAnyOrder("phone:" + phone, "email:" + email);
        JsonNode old = api.json(api.get(agent.token(), "/api/v1/customers/" + merged));
        assertThat(old.get("mergedIntoId").asLong()).isEqualTo(survivor);
        assertThat(old.get("identities")).isEmpty();

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(api.json(api.get(agent.token(), "/api/v1/tickets/" + ticket))
                                .get("customerId")
                                .asLong())
                        .isEqualTo(survivor));
        assertThat(ids(api.json(api.get(agent.token(), "/api/v1/customers/" + survivor + "/tickets"))
                        .get("items")))
                .containsExactly(ticket);
        assertThat(api.json(api.get(agent.token(), "/api/v1/customers/" + merged + "/tickets"))
                        .get("items"))
                .isEmpty();

        JsonNode oldAudit = api.json(api.get(agent.token(), "/api/v1/customers/" + merged + "/audit"));
        assertThat(entries(oldAudit, "merged_into")).singleElement().satisfies(e -> {
            assertThat(e.get("after").asString()).isEqualTo(Long.toString(survivor));
            assertThat(e.get("actor").get("kind").asString()).isEqualTo("api_token");
        });
        assertThat(entries(oldAudit, "identity")).anySatisfy(e -> {
            assertThat(e.get("before").asString()).isEqualTo("email:" + email);
            assertThat(e.get("after").isNull()).isTrue();
        });
        JsonNode survivorAudit = api.json(api.get(agent.token(), "/api/v1/customers/" + survivor + "/audit"));
        assertThat(entries(survivorAudit, "merged_from"))
                .singleElement()
                .satisfies(e -> assertThat(e.get("after").asString()).isEqualTo(Long.toString(merged)));
        assertThat(entries(survivorAudit, "identity")).anySatisfy(e -> {
            assertThat(e.get("after").asString()).isEqualTo("email:" + email);
            assertThat(e.get("actor").get("kind").asString()).isEqualTo("api_token");
        });
        assertProblem(
                api.patch(agent.token(), "/api/v1/customers/" + merged, "{\"name\": \"Too late\"}", null),
                409,
                "conflict");
    }

    @Test
    void refusesMergingACustomerIntoItself() {
        var agent = accounts.inNewTeam(Role.AGENT);
        long id = id(create(agent.token(), "Solo", email("solo")));

        MvcResult result =
                api.post(agent.token(), "/api/v1/customers/" + id + "/merge", "{\"into\": %d}".formatted(id));

        assertProblem(result, 409, "conflict");
        assertThat(api.json(api.get(agent.token(), "/api/v1/customers/" + id))
                        .get("mergedIntoId")
                        .isNull())
                .isTrue();
    }

    @Test
    void customerTicketsListOnlyTicketsTheCallerMaySee() {
        var teamX = accounts.inNewTeam(Role.AGENT);
        var teamY = accounts.inNewTeam(Role.AGENT);
        var supervisor = accounts.inNewTeam(Role.SUPERVISOR);
        long customer = id(create(teamX.token(), "Shared Customer", email("shared")));
        long inX = openTicket(teamX, customer, "Seen by team X");
        long inY = openTicket(teamY, customer, "Seen by team Y");
        String path = "/api/v1/customers/" + customer + "/tickets";

        assertThat(ids(api.json(api.get(teamX.token(), path)).get("items"))).containsExactly(inX);
        assertThat(ids(api.json(api.get(teamY.token(), path)).get("items"))).containsExactly(inY);
        assertThat(ids(api.json(api.get(supervisor.token(), path)).get("items")))
                .containsExactlyInAnyOrder(inX, inY);
    }

    @Test
    void refusesANullIdentityAsBadInputRatherThanFailing() {
        var agent = accounts.inNewTeam(Role.AGENT);

        MvcResult result =
                api.post(agent.token(), "/api/v1/customers", "{\"name\": \"Nobody\", \"identities\": [null]}");

        assertProblem(result, 400, null);
    }

    private MvcResult create(String token, String name, String... identities) {
        List<String> json = new ArrayList<>();
        for (String identity : identities) {
            String kind = identity.contains("@") ? "email" : "phone";
            json.add("{\"kind\": \"%s\", \"value\": \"%s\"}".formatted(kind, identity));
        }
        MvcResult result = api.post(token, "/api/v1/customers", """
                {"name": "%s", "identities": [%s]}""".formatted(name, String.join(", ", json)));
        assertThat(result.getResponse().getStatus()).as(Api.contentOf(result)).isEqualTo(201);
        return result;
    }

    private long openTicket(Account agent, long customer, String subject) {
        MvcResult result = api.post(agent.token(), "/api/v1/tickets", """
                {"subject": "%s", "customer": {"id": %d}, "teamId": %d, "message": {"text": "Where is it?"}}""".formatted(
                        subject, customer, agent.team().value()));
        assertThat(result.getResponse().getStatus()).as(Api.contentOf(result)).isEqualTo(201);
        return api.json(result).get("id").asLong();
    }

    private MvcResult removeIdentity(String token, long customer, String kind, String value) {
        return api.perform(
                MockMvcRequestBuilders.delete("/api/v1/customers/" + customer + "/identities")
                        .param("kind", kind)
                        .param("value", value),
                token);
    }

    /** Asserts a problem response and returns its body; {@code type} null accepts any problem type. */
    private JsonNode assertProblem(MvcResult result, int status, String type) {
        assertThat(result.getResponse().getStatus()).as(Api.contentOf(result)).isEqualTo(status);
        String contentType = result.getResponse().getContentType();
        assertThat(contentType).as("content type of a %d", status).isNotNull();
        assertThat(MediaType.parseMediaType(contentType).equalsTypeAndSubtype(MediaType.APPLICATION_PROBLEM_JSON))
                .as("content type %s", contentType)
                .isTrue();
        JsonNode problem = api.json(result);
        if (type != null) {
            assertThat(problem.get("type").asString()).isEqualTo("https://rapport.dev/problems/" + type);
        }
        return problem;
    }

    private long id(MvcResult result) {
        return api.json(result).get("id").asLong();
    }

    private static String email(String name) {
        return Accounts.unique(name) + "@example.com";
    }

    private static String digits(int count) {
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < count; i++) {
            digits.append(ThreadLocalRandom.current().nextInt(10));
        }
        return digits.toString();
    }

    private static List<String> identities(JsonNode customer) {
        List<String> identities = new ArrayList<>();
        customer.get("identities")
                .forEach(i -> identities.add(
                        i.get("kind").asString() + ":" + i.get("value").asString()));
        return identities;
    }

    private static List<Long> ids(JsonNode items) {
        List<Long> ids = new ArrayList<>();
        items.forEach(item -> ids.add(item.get("id").asLong()));
        return ids;
    }

    private static List<JsonNode> entries(JsonNode audit, String field) {
        List<JsonNode> entries = new ArrayList<>();
        audit.forEach(entry -> {
            if (entry.get("field").asString().equals(field)) {
                entries.add(entry);
            }
        });
        return entries;
    }

    @Test
    void adminDeletesACustomerWithoutTicketsButNotOneWithTickets() {
        var admin = accounts.inNewTeam(Role.ADMIN);
        var agent = accounts.inNewTeam(Role.AGENT);
        long mistake = api.json(api.post(admin.token(), "/api/v1/customers", """
                {"name": "Typo", "identities": [{"kind": "email", "value": "%s@example.com"}]}""".formatted(Accounts.unique("typo"))))
                .get("id")
                .asLong();
        long withTicket = api.openTicket(admin.token(), admin.team().value(), "Keep me")
                .get("customerId")
                .asLong();

        assertThat(api.perform(MockMvcRequestBuilders.delete("/api/v1/customers/" + mistake), agent.token())
                        .getResponse()
                        .getStatus())
                .isEqualTo(403);
        assertThat(api.perform(MockMvcRequestBuilders.delete("/api/v1/customers/" + withTicket), admin.token())
                        .getResponse()
                        .getStatus())
                .isEqualTo(409);
        assertThat(api.perform(MockMvcRequestBuilders.delete("/api/v1/customers/" + mistake), admin.token())
                        .getResponse()
                        .getStatus())
                .isEqualTo(204);
        assertThat(api.get(admin.token(), "/api/v1/customers/" + mistake)
                        .getResponse()
                        .getStatus())
                .isEqualTo(404);
    }
}
