package org.rapport.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.rapport.Accounts;
import org.rapport.Accounts.Account;
import org.rapport.Api;
import org.rapport.RapportTest;
import org.rapport.access.Credentials;
import org.rapport.agent.AgentQueries;
import org.rapport.agent.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.JsonNode;

/** What agents and admins do on the pages: views, bulk actions, merge and split, customers, admin tasks. */
@RapportTest
class WebActionsTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    Accounts accounts;

    @Autowired
    Api api;

    @Autowired
    Credentials credentials;

    @Autowired
    AgentQueries agents;

    RequestPostProcessor as(Account account) {
        return user(account.email()).roles("AGENT");
    }

    RequestPostProcessor asAdmin(Account account) {
        return user(account.email()).roles("ADMIN");
    }

    JsonNode ticket(Account account, long id) {
        return api.json(api.get(account.token(), "/api/v1/tickets/" + id));
    }

    @Test
    void rememberMeKeepsTheAgentSignedInWithoutASession() throws Exception {
        Account agent = accounts.inNewTeam(Role.AGENT);
        credentials.setPassword(agent.agent(), agent.email(), "remember-this-one-42", false);
        MvcResult login = mvc.perform(post("/login")
                        .with(csrf())
                        .param("username", agent.email())
                        .param("password", "remember-this-one-42")
                        .param("remember-me", "true"))
                .andExpect(redirectedUrl("/inbox"))
                .andReturn();
        Cookie remember = login.getResponse().getCookie("remember-me");
        assertThat(remember).isNotNull();
        assertThat(remember.isHttpOnly()).isTrue();
        mvc.perform(get("/inbox").cookie(remember)).andExpect(status().isOk());
        // A changed password ends every remembered sign-in.
        credentials.setPassword(agent.agent(), agent.email(), "a-new-password-for-it-7", false);
        mvc.perform(get("/inbox").cookie(remember)).andExpect(status().is3xxRedirection());
    }

    @Test
    void bulkActionsAssignTagAndMergeTheSelectedTickets() throws Exception {
        Account agent = accounts.inNewTeam(Role.AGENT);
        long a = api.openTicket(agent.token(), agent.team().value(), "Bulk one")
                .get("id")
                .asLong();
        long b = api.openTicket(agent.token(), agent.team().value(), "Bulk two")
                .get("id")
                .asLong();
        mvc.perform(post("/inbox/bulk")
                        .with(as(agent))
                        .with(csrf())
                        .param("ticket", String.valueOf(a), String.valueOf(b))
                        .param("action", "assign:me"))
                .andExpect(redirectedUrl("/inbox"));
        assertThat(ticket(agent, a).get("assigneeId").asLong())
                .isEqualTo(agent.agent().value());
        mvc.perform(post("/inbox/bulk")
                        .with(as(agent))
                        .with(csrf())
                        .param("ticket", String.valueOf(a), String.valueOf(b))
                        .param("action", "tag")
                        .param("tag", "Refund"))
                .andExpect(status().is3xxRedirection());
        assertThat(ticket(agent, b).get("tags").toString()).contains("refund");
        mvc.perform(post("/inbox/bulk")
                        .with(as(agent))
                        .with(csrf())
                        .param("ticket", String.valueOf(a), String.valueOf(b))
                        .param("action", "merge"))
                .andExpect(status().is3xxRedirection());
        assertThat(ticket(agent, b).get("mergedIntoId").asLong()).isEqualTo(a);
        // A merged ticket's page leads to the one it was merged into.
        mvc.perform(get("/tickets/" + b).with(as(agent))).andExpect(redirectedUrl("/tickets/" + a));
        // Bulk actions reach only what the agent may see.
        Account other = accounts.inNewTeam(Role.AGENT);
        long theirs = api.openTicket(other.token(), other.team().value(), "Not yours")
                .get("id")
                .asLong();
        mvc.perform(post("/inbox/bulk")
                        .with(as(agent))
                        .with(csrf())
                        .param("ticket", String.valueOf(theirs))
                        .param("action", "status:SOLVED"))
                .andExpect(status().isNotFound());
        assertThat(ticket(other, theirs).get("status").asString()).isEqualTo("new");
    }

    @Test
    void savedViewsKeepTheFiltersUnderAName() throws Exception {
        Account agent = accounts.inNewTeam(Role.AGENT);
        mvc.perform(post("/inbox/views")
                        .with(as(agent))
                        .with(csrf())
                        .param("name", "Urgent refunds")
                        .param("view", "open")
                        .param("priority", "urgent")
                        .param("tag", "refund"))
                .andExpect(status().is3xxRedirection());
        String page = mvc.perform(get("/inbox").with(as(agent)))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("Urgent refunds").contains("/inbox?view=open&amp;priority=urgent&amp;tag=refund");
        mvc.perform(post("/inbox/views")
                        .with(as(agent))
                        .with(csrf())
                        .param("name", "urgent REFUNDS")
                        .param("view", "open"))
                .andExpect(result ->
                        assertThat(result.getFlashMap().get("error").toString()).contains("already have"));
    }

    @Test
    void aMessageSplitsIntoItsOwnTicketAndATicketMergesByNumber() throws Exception {
        Account agent = accounts.inNewTeam(Role.AGENT);
        JsonNode first = api.openTicket(agent.token(), agent.team().value(), "Two things");
        long id = first.get("id").asLong();
        JsonNode added = api.json(api.post(
                agent.token(),
                "/api/v1/tickets/" + id + "/messages",
                "{\"author\": \"customer\", \"text\": \"Also, my invoice is wrong.\"}"));
        MvcResult split = mvc.perform(
                        post("/tickets/" + id + "/messages/" + added.get("id").asLong() + "/split")
                                .with(as(agent))
                                .with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andReturn();
        long created = Long.parseLong(split.getResponse().getRedirectedUrl().replace("/tickets/", ""));
        assertThat(created).isNotEqualTo(id);
        mvc.perform(post("/tickets/" + created + "/merge")
                        .with(as(agent))
                        .with(csrf())
                        .param("into", "#" + first.get("number").asLong()))
                .andExpect(redirectedUrl("/tickets/" + id));
        assertThat(ticket(agent, created).get("mergedIntoId").asLong()).isEqualTo(id);
    }

    @Test
    void customersAreEditedAndMergedFromTheirPage() throws Exception {
        Account agent = accounts.inNewTeam(Role.AGENT);
        JsonNode one = api.openTicket(agent.token(), agent.team().value(), "From one");
        JsonNode two = api.openTicket(agent.token(), agent.team().value(), "From two");
        long c1 = one.get("customerId").asLong();
        long c2 = two.get("customerId").asLong();
        mvc.perform(post("/customers/" + c1)
                        .with(as(agent))
                        .with(csrf())
                        .param("version", "1")
                        .param("name", "Casey Jones")
                        .param("organization", "Acme")
                        .param("notes", "Prefers phone calls")
                        .param("tags", "vip"))
                .andExpect(redirectedUrl("/customers/" + c1));
        String page = mvc.perform(get("/customers/" + c1).with(as(agent)))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("Casey Jones").contains("Prefers phone calls").contains("From one");
        mvc.perform(post("/customers/" + c2 + "/merge")
                        .with(as(agent))
                        .with(csrf())
                        .param("into", String.valueOf(c1)))
                .andExpect(redirectedUrl("/customers/" + c1));
        mvc.perform(get("/customers/" + c2).with(as(agent))).andExpect(redirectedUrl("/customers/" + c1));
        String search = mvc.perform(get("/customers").param("q", "casey jones").with(as(agent)))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(search).contains("Casey Jones");
    }

    @Test
    void adminsInviteAgentsShowTheirPasswordOnceAndDeactivationSignsThemOut() throws Exception {
        Account admin = accounts.inNewTeam(Role.ADMIN);
        String email = Accounts.unique("new") + "@example.com";
        MvcResult invited = mvc.perform(post("/admin/agents")
                        .with(asAdmin(admin))
                        .with(csrf())
                        .param("email", email)
                        .param("name", "Nina New")
                        .param("role", "AGENT")
                        .param("team", String.valueOf(admin.team().value())))
                .andExpect(redirectedUrl("/admin/agents"))
                .andReturn();
        assertThat(invited.getFlashMap().get("secret").toString()).contains(email);
        var agent = agents.findByEmail(email).orElseThrow();
        assertThat(credentials.mustChange(email)).isTrue();
        mvc.perform(get("/inbox").with(user(email).roles("AGENT"))).andExpect(status().isOk());
        mvc.perform(post("/admin/agents/" + agent.id().value())
                        .with(asAdmin(admin))
                        .with(csrf())
                        .param("name", "Nina New")
                        .param("role", "AGENT"))
                .andExpect(status().is3xxRedirection());
        assertThat(agents.findByEmail(email).orElseThrow().active()).isFalse();
        mvc.perform(get("/inbox").with(user(email).roles("AGENT"))).andExpect(redirectedUrl("/login?inactive"));
        // An admin cannot lock themselves out.
        mvc.perform(post("/admin/agents/" + admin.agent().value())
                        .with(asAdmin(admin))
                        .with(csrf())
                        .param("name", "Me")
                        .param("role", "AGENT")
                        .param("active", "true"))
                .andExpect(
                        result -> assertThat(result.getFlashMap().get("error")).isNotNull());
    }

    @Test
    void apiTokensAreShownOnceAndRevokedFromTheAdminPage() throws Exception {
        Account admin = accounts.inNewTeam(Role.ADMIN);
        MvcResult created = mvc.perform(post("/admin/tokens")
                        .with(asAdmin(admin))
                        .with(csrf())
                        .param("name", "reporting")
                        .param("scope", "read"))
                .andReturn();
        String secret = ((AdminController.Secret) created.getFlashMap().get("secret")).value();
        api.get(secret, "/api/v1/tickets");
        assertThat(api.get(secret, "/api/v1/tickets").getResponse().getStatus()).isEqualTo(200);
        String page = mvc.perform(get("/admin/tokens").with(asAdmin(admin)))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("reporting").doesNotContain(secret);
        long id = api.json(api.get(admin.token(), "/api/v1/tokens")).findValues("id").stream()
                .map(JsonNode::asLong)
                .max(Long::compare)
                .orElseThrow();
        mvc.perform(post("/admin/tokens/" + id + "/revoke").with(asAdmin(admin)).with(csrf()))
                .andExpect(status().is3xxRedirection());
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .until(() -> api.get(secret, "/api/v1/tickets").getResponse().getStatus() == 401);
    }

    @Test
    void htmlBodiesAreServedForASandboxWithRemoteImagesOnlyOnRequest() throws Exception {
        Account agent = accounts.inNewTeam(Role.AGENT);
        JsonNode opened = api.json(api.post(agent.token(), "/api/v1/tickets", """
                {"subject": "Pictures", "customer": {"email": "%s@example.com"}, "teamId": %d,
                 "message": {"html": "<p>See <img src='https://tracker.example/pixel.gif'> <script>alert(1)</script></p>"}}""".formatted(
                        Accounts.unique("pic"), agent.team().value())));
        long id = opened.get("id").asLong();
        long message = api.json(api.get(agent.token(), "/api/v1/tickets/" + id + "/messages"))
                .get(0)
                .get("id")
                .asLong();
        MvcResult blocked = mvc.perform(
                        get("/tickets/" + id + "/messages/" + message + "/body").with(as(agent)))
                .andExpect(status().isOk())
                .andReturn();
        String csp = blocked.getResponse().getHeader("Content-Security-Policy");
        assertThat(csp).contains("img-src data:;").contains("sandbox").contains("default-src 'none'");
        assertThat(blocked.getResponse().getContentAsString()).doesNotContain("<script");
        String allowed = mvc.perform(get("/tickets/" + id + "/messages/" + message + "/body")
                        .param("images", "true")
                        .with(as(agent)))
                .andReturn()
                .getResponse()
                .getHeader("Content-Security-Policy");
        assertThat(allowed).contains("img-src data: https:");
    }
}
