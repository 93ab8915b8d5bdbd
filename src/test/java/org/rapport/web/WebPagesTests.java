package org.rapport.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.rapport.Accounts;
import org.rapport.Accounts.Account;
import org.rapport.Api;
import org.rapport.RapportTest;
import org.rapport.access.Credentials;
import org.rapport.access.Scope;
import org.rapport.agent.Role;
import org.rapport.shared.Actor;
import org.rapport.shared.ChannelKind;
import org.rapport.shared.MessageId;
import org.rapport.shared.TicketId;
import org.rapport.ticket.Message;
import org.rapport.ticket.MessageKind;
import org.rapport.ticket.NewMessage;
import org.rapport.ticket.TicketQueries;
import org.rapport.ticket.TicketScope;
import org.rapport.ticket.TicketService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.JsonNode;

@RapportTest
class WebPagesTests {

    static final String PASSWORD = "a-good-long-password-42";

    @Autowired
    MockMvc mvc;

    @Autowired
    Accounts accounts;

    @Autowired
    Api api;

    @Autowired
    Credentials credentials;

    @Autowired
    TicketService tickets;

    @Autowired
    TicketQueries queries;

    RequestPostProcessor as(Account account) {
        return user(account.email()).roles("AGENT");
    }

    @Test
    void signInPageCarriesACsrfTokenAndPagesNeedSignIn() throws Exception {
        String page = mvc.perform(get("/login"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("type=\"hidden\" name=\"_csrf\"").contains("name=\"username\"");
        mvc.perform(get("/inbox")).andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/login"));
        mvc.perform(get("/inbox/rows").header("HX-Request", "true"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("HX-Redirect", "/login"));
    }

    @Test
    void signsInWithThePasswordAndIsThrottledAfterRepeatedFailures() throws Exception {
        Account agent = accounts.inNewTeam(Role.AGENT);
        credentials.setPassword(agent.agent(), agent.email(), PASSWORD, false);
        mvc.perform(SecurityMockMvcRequestBuilders.formLogin("/login")
                        .user(agent.email())
                        .password(PASSWORD))
                .andExpect(redirectedUrl("/inbox"));
        mvc.perform(post("/login").param("username", agent.email()).param("password", PASSWORD))
                .andExpect(status().isForbidden()); // no CSRF token
        for (int i = 0; i < 5; i++) {
            mvc.perform(SecurityMockMvcRequestBuilders.formLogin("/login")
                            .user(agent.email())
                            .password("wrong-password-" + i))
                    .andExpect(redirectedUrl("/login?error"));
        }
        mvc.perform(SecurityMockMvcRequestBuilders.formLogin("/login")
                        .user(agent.email())
                        .password(PASSWORD))
                .andExpect(redirectedUrlPattern("/login?locked=*"));
    }

    @Test
    void aOneTimePasswordMustBeChangedFirst() throws Exception {
        Account agent = accounts.inNewTeam(Role.AGENT);
        credentials.setPassword(agent.agent(), agent.email(), PASSWORD, true);
        mvc.perform(SecurityMockMvcRequestBuilders.formLogin("/login")
                        .user(agent.email())
                        .password(PASSWORD))
                .andExpect(redirectedUrl("/account/password?required"));
        mvc.perform(post("/account/password")
                        .with(as(agent))
                        .with(csrf())
                        .param("current", PASSWORD)
                        .param("password", "another-long-secret-7")
                        .param("repeat", "another-long-secret-7"))
                .andExpect(redirectedUrl("/inbox"));
        assertThat(credentials.mustChange(agent.email())).isFalse();
    }

    @Test
    void inboxListsTheTeamsTicketsWithCountsAndEscapesWhatCustomersWrote() throws Exception {
        Account agent = accounts.inNewTeam(Role.AGENT, Scope.READ, Scope.WRITE);
        api.openTicket(agent.token(), agent.team().value(), "<img src=x onerror=alert(1)> broken");
        String page = html(mvc.perform(get("/inbox").param("view", "unassigned").with(as(agent)))
                .andReturn());
        assertThat(page).contains("&lt;img src=x onerror=alert(1)&gt; broken").doesNotContain("<img src=x");
        assertThat(page).contains("Unassigned in my teams");
        for (String view : InboxQuery.VIEWS) {
            mvc.perform(get("/inbox")
                            .param("view", view)
                            .param("sort", "-priority")
                            .with(as(agent)))
                    .andExpect(status().isOk());
        }
        mvc.perform(get("/inbox/rows").param("view", "open").with(as(agent))).andExpect(status().isOk());
    }

    @Test
    void badInboxParametersAnswerFourHundredNotFiveHundred() throws Exception {
        Account agent = accounts.inNewTeam(Role.AGENT);
        for (String[] bad : new String[][] {
            {"view", "everything"},
            {"status", "burning"},
            {"priority", "';drop table ticket;--"},
            {"team", "x"},
            {"from", "yesterday"},
            {"sort", "loudest"},
            {"channel", "pigeon"},
            {"assignee", "someone"},
            {"cursor", "%%%"}
        }) {
            int status = mvc.perform(get("/inbox").param(bad[0], bad[1]).with(as(agent)))
                    .andReturn()
                    .getResponse()
                    .getStatus();
            assertThat(status).as(bad[0] + "=" + bad[1]).isEqualTo(400);
        }
        mvc.perform(get("/tickets/not-a-number").with(as(agent))).andExpect(status().isBadRequest());
        mvc.perform(get("/tickets/999999999").with(as(agent))).andExpect(status().isNotFound());
    }

    @Test
    void hostileOrMalformedFormInputIsRefusedWithTheReasonAndChangesNothing() throws Exception {
        Account agent = accounts.inNewTeam(Role.AGENT);
        JsonNode ticket = api.openTicket(agent.token(), agent.team().value(), "Stays as it is");
        long id = ticket.get("id").asLong();
        String page = "/tickets/" + id;
        mvc.perform(post(page)
                        .with(as(agent))
                        .with(csrf())
                        .header("Referer", "http://localhost" + page)
                        .param("version", "1")
                        .param("subject", "x".repeat(5000)))
                .andExpect(redirectedUrl(page))
                .andExpect(
                        result -> assertThat(result.getFlashMap().get("error")).isNotNull());
        mvc.perform(post(page).with(as(agent)).with(csrf()).param("version", "one"))
                .andExpect(status().isBadRequest());
        mvc.perform(post(page)
                        .with(as(agent))
                        .with(csrf())
                        .param("version", "1")
                        .param("status", "<script>"))
                .andExpect(status().is3xxRedirection())
                .andExpect(result ->
                        assertThat(result.getFlashMap().get("error").toString()).contains("is not a status"));
        mvc.perform(post(page)
                        .with(as(agent))
                        .with(csrf())
                        .param("version", "1")
                        .param("assignee", "1 OR 1=1"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(post(page + "/merge").with(as(agent)).with(csrf()).param("into", "../../etc/passwd"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(post("/inbox/bulk")
                        .with(as(agent))
                        .with(csrf())
                        .param("ticket", String.valueOf(id))
                        .param("action", "status:gone"))
                .andExpect(status().is3xxRedirection());
        // A Referer from elsewhere is never a place to send the agent back to.
        mvc.perform(post(page)
                        .with(as(agent))
                        .with(csrf())
                        .header("Referer", "https://evil.example/phish")
                        .param("version", "1")
                        .param("status", "nope"))
                .andExpect(redirectedUrl("/inbox"));
        assertThat(api.json(api.get(agent.token(), "/api/v1/tickets/" + id))
                        .get("subject")
                        .asString())
                .isEqualTo("Stays as it is");
        assertThat(api.json(api.get(agent.token(), "/api/v1/tickets/" + id))
                        .get("version")
                        .asLong())
                .isEqualTo(1);
    }

    @Test
    void anAgentCannotOpenAnotherTeamsTicketOrCustomerTimelineByUrl() throws Exception {
        Account a = accounts.inNewTeam(Role.AGENT);
        Account b = accounts.inNewTeam(Role.AGENT);
        JsonNode ticket = api.openTicket(b.token(), b.team().value(), "Team B only");
        long id = ticket.get("id").asLong();
        mvc.perform(get("/tickets/" + id).with(as(a))).andExpect(status().isNotFound());
        mvc.perform(get("/tickets/" + id + "/timeline").with(as(a))).andExpect(status().isNotFound());
        mvc.perform(get("/events").param("ticket", String.valueOf(id)).with(as(a)))
                .andExpect(status().isNotFound());
        mvc.perform(post("/tickets/" + id + "/reply").with(as(a)).with(csrf()).param("text", "hi"))
                .andExpect(status().isNotFound());
        mvc.perform(post("/tickets/" + id)
                        .with(as(a))
                        .with(csrf())
                        .param("version", "0")
                        .param("status", "SOLVED"))
                .andExpect(status().isNotFound());
        long customer = ticket.get("customerId").asLong();
        String page =
                html(mvc.perform(get("/customers/" + customer).with(as(a))).andReturn());
        assertThat(page).doesNotContain("Team B only");
        mvc.perform(get("/tickets/" + id).with(as(b))).andExpect(status().isOk());
    }

    @Test
    void onlyAdminsReachTheAdminPages() throws Exception {
        Account agent = accounts.inNewTeam(Role.AGENT);
        Account admin = accounts.inNewTeam(Role.ADMIN);
        for (String page : new String[] {"agents", "teams", "tokens", "fields", "tags", "quarantine"}) {
            mvc.perform(get("/admin/" + page).with(as(agent))).andExpect(status().isForbidden());
            mvc.perform(get("/admin/" + page).with(user(admin.email()).roles("ADMIN")))
                    .andExpect(status().isOk());
        }
        mvc.perform(post("/admin/tokens").with(as(agent)).with(csrf()).param("name", "x"))
                .andExpect(status().isForbidden());
    }

    @Test
    void aReplyWrittenBeforeTheCustomersLatestMessageIsHeldUntilConfirmed() throws Exception {
        Account agent = accounts.inNewTeam(Role.AGENT);
        JsonNode opened = api.openTicket(agent.token(), agent.team().value(), "Where is my parcel");
        long id = opened.get("id").asLong();
        TicketId ticket = new TicketId(id);
        long seen = lastCustomerMessage(ticket);
        tickets.addMessage(
                ticket,
                NewMessage.fromCustomer(
                        opened.get("customerId").asLong(), ChannelKind.EMAIL, "Actually it just arrived, thanks!"),
                null,
                Actor.SYSTEM);
        String held = html(mvc.perform(post("/tickets/" + id + "/reply")
                        .with(as(agent))
                        .with(csrf())
                        .param("text", "We are sending a replacement.")
                        .param("kind", "reply")
                        .param("seen", String.valueOf(seen)))
                .andExpect(status().isOk())
                .andReturn());
        assertThat(held)
                .contains("The customer wrote again")
                .contains("Actually it just arrived, thanks!")
                .contains("We are sending a replacement.");
        assertThat(agentReplies(ticket)).isZero();
        mvc.perform(post("/tickets/" + id + "/reply")
                        .with(as(agent))
                        .with(csrf())
                        .param("text", "Glad it arrived!")
                        .param("kind", "reply")
                        .param("seen", String.valueOf(lastCustomerMessage(ticket)))
                        .param("statusAfter", "SOLVED"))
                .andExpect(status().is3xxRedirection());
        assertThat(agentReplies(ticket)).isOne();
        assertThat(queries.get(ticket, TicketScope.ALL).status().name()).isEqualTo("SOLVED");
        // An internal note is never held.
        mvc.perform(post("/tickets/" + id + "/reply")
                        .with(as(agent))
                        .with(csrf())
                        .param("text", "Customer was happy.")
                        .param("kind", "note")
                        .param("seen", "0"))
                .andExpect(status().is3xxRedirection());
    }

    @Test
    void attachmentsDownloadAndHtmlBodiesAreSandboxed() throws Exception {
        Account agent = accounts.inNewTeam(Role.AGENT);
        long id = api.openTicket(agent.token(), agent.team().value(), "Files")
                .get("id")
                .asLong();
        MockMultipartFile file =
                new MockMultipartFile("files", "evil.html", "text/html", "<script>alert(1)</script>".getBytes());
        mvc.perform(multipart("/tickets/" + id + "/reply")
                        .file(file)
                        .with(as(agent))
                        .with(csrf())
                        .param("text", "See the file")
                        .param("kind", "note"))
                .andExpect(status().is3xxRedirection());
        Message note = queries.messages(new TicketId(id), TicketScope.ALL).stream()
                .filter(m -> m.kind() == MessageKind.NOTE)
                .findFirst()
                .orElseThrow();
        long attachment = note.attachments().getFirst().id();
        MvcResult download = mvc.perform(
                        get("/tickets/" + id + "/messages/" + note.id().value() + "/attachments/" + attachment)
                                .with(as(agent)))
                .andExpect(status().isOk())
                .andReturn();
        assertThat(download.getResponse().getHeader("Content-Disposition")).startsWith("attachment");
        assertThat(download.getResponse().getContentType()).isEqualTo("application/octet-stream");
        assertThat(download.getResponse().getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        String page = html(mvc.perform(get("/tickets/" + id).with(as(agent))).andReturn());
        assertThat(page).contains("evil.html");
        mvc.perform(get("/tickets/" + id + "/messages/" + note.id().value() + "/body")
                        .with(as(agent)))
                .andExpect(status().isNotFound());
    }

    @Test
    void pagesSendAStrictContentSecurityPolicy() throws Exception {
        Account agent = accounts.inNewTeam(Role.AGENT);
        String csp = mvc.perform(get("/inbox").with(as(agent)))
                .andReturn()
                .getResponse()
                .getHeader("Content-Security-Policy");
        assertThat(csp)
                .contains("script-src 'self'")
                .contains("style-src 'self';")
                .doesNotContain("unsafe");
    }

    private long lastCustomerMessage(TicketId ticket) {
        return queries.messages(ticket, TicketScope.ALL).stream()
                .filter(m -> m.authorKind().name().equals("CUSTOMER"))
                .map(Message::id)
                .mapToLong(MessageId::value)
                .max()
                .orElse(0);
    }

    private long agentReplies(TicketId ticket) {
        return queries.messages(ticket, TicketScope.ALL).stream()
                .filter(m -> m.authorKind().name().equals("AGENT") && m.kind() == MessageKind.REPLY)
                .count();
    }

    private static String html(MvcResult result) throws Exception {
        return result.getResponse().getContentAsString();
    }
}
