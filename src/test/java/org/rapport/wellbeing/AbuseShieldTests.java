package org.rapport.wellbeing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rapport.Accounts;
import org.rapport.Accounts.Account;
import org.rapport.Api;
import org.rapport.RapportTest;
import org.rapport.agent.Role;
import org.rapport.analysis.AnalysisQueries;
import org.rapport.shared.MessageId;
import org.rapport.shared.TicketId;
import org.rapport.ticket.Ticket;
import org.rapport.ticket.TicketNotices;
import org.rapport.ticket.TicketQueries;
import org.rapport.ticket.TicketScope;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Abuse at people is masked on the page until an agent chooses to read it (and that is logged); the ticket
 * is flagged, supervisors told, and with routing on it goes to a designated agent. Venting is left alone.
 */
@RapportTest
class AbuseShieldTests {

    static final String ABUSE = "My router has been dead for a week. You are an incompetent idiot and I want it fixed.";

    @Autowired
    MockMvc mvc;

    @Autowired
    Accounts accounts;

    @Autowired
    Api api;

    @Autowired
    TicketQueries tickets;

    @Autowired
    AnalysisQueries analyses;

    @Autowired
    TicketNotices notices;

    @Autowired
    ShieldSettingsStore settings;

    RequestPostProcessor as(Account account, String role) {
        return user(account.email()).roles(role);
    }

    TicketId open(Account agent, String text) {
        TicketId ticket =
                new TicketId(api.openTicket(agent.token(), agent.team().value(), "Router", text)
                        .get("id")
                        .asLong());
        MessageId message = tickets.messages(ticket, TicketScope.ALL).getFirst().id();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> analyses.of(List.of(message)).containsKey(message));
        return ticket;
    }

    @Test
    void abuseIsMaskedFlaggedToldToSupervisorsAndARevealIsLogged() throws Exception {
        Account agent = accounts.inNewTeam(Role.AGENT);
        Account supervisor = accounts.inNewTeam(Role.SUPERVISOR);
        Account stranger = accounts.inNewTeam(Role.AGENT);
        TicketId ticket = open(agent, ABUSE);
        Ticket flagged = tickets.get(ticket, TicketScope.ALL);
        assertThat(flagged.tags()).contains(AbuseShield.TAG);
        assertThat(notices.unread(supervisor.agent(), 50)).anySatisfy(n -> {
            assertThat(n.ticket()).isEqualTo(ticket);
            assertThat(n.kind()).isEqualTo("abuse");
            assertThat(n.text()).contains("insult");
        });

        String page = mvc.perform(get("/tickets/" + ticket.value()).with(as(agent, "AGENT")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("My router has been dead for a week.");
        assertThat(page).doesNotContain("incompetent").doesNotContain("idiot"); // nor in any tooltip
        assertThat(page).contains("Hidden: insult").contains("boundary reply");

        long message = tickets.messages(ticket, TicketScope.ALL).getFirst().id().value();
        String reveal = "/tickets/" + ticket.value() + "/messages/" + message + "/reveal";
        mvc.perform(post(reveal).with(as(stranger, "AGENT")).with(csrf())).andExpect(status().isNotFound());
        mvc.perform(post(reveal).with(as(agent, "AGENT"))).andExpect(status().isForbidden()); // no CSRF token
        String revealed = mvc.perform(post(reveal).with(as(agent, "AGENT")).with(csrf()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(revealed).contains("incompetent idiot");
        assertThat(tickets.auditTrail(ticket, TicketScope.ALL)).anySatisfy(e -> {
            assertThat(e.field()).isEqualTo("abuse revealed");
            assertThat(e.actor().id()).isEqualTo(agent.agent().value());
            assertThat(e.after()).isEqualTo("message " + message);
        });
        // The customer's page shields the same passage.
        String customerPage = mvc.perform(
                        get("/customers/" + flagged.customer().value()).with(as(agent, "AGENT")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(customerPage).contains("My router has been dead for a week.").doesNotContain("idiot");
        // Nothing is deleted: the API still has every word.
        assertThat(tickets.messages(ticket, TicketScope.ALL).getFirst().text()).isEqualTo(ABUSE);

        String list = mvc.perform(get("/notices").with(as(supervisor, "SUPERVISOR")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(list).contains("#" + flagged.number());
        long id = notices.unread(supervisor.agent(), 50).getFirst().id();
        mvc.perform(post("/notices/" + id + "/read").with(as(agent, "AGENT")).with(csrf()));
        assertThat(notices.unread(supervisor.agent(), 50))
                .extracting(TicketNotices.Notice::id)
                .contains(id);
        mvc.perform(post("/notices/" + id + "/read")
                .with(as(supervisor, "SUPERVISOR"))
                .with(csrf()));
        assertThat(notices.unread(supervisor.agent(), 50))
                .extracting(TicketNotices.Notice::id)
                .doesNotContain(id);
    }

    @Test
    void ventingAtAProductIsNotMaskedOrFlagged() throws Exception {
        Account agent = accounts.inNewTeam(Role.AGENT);
        TicketId ticket = open(agent, "This damn router is useless, the worst piece of junk I have ever bought!");
        assertThat(tickets.get(ticket, TicketScope.ALL).tags()).doesNotContain(AbuseShield.TAG);
        String page = mvc.perform(get("/tickets/" + ticket.value()).with(as(agent, "AGENT")))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("This damn router is useless").doesNotContain("Hidden:");
    }

    @Test
    void withRoutingOnAbusiveTicketsGoToTheLeastLoadedDesignatedAgent() throws Exception {
        Account agent = accounts.inNewTeam(Role.AGENT);
        Account handler = accounts.inNewTeam(Role.AGENT);
        Account admin = accounts.inNewTeam(Role.ADMIN);
        ShieldSettings before = settings.get();
        try {
            mvc.perform(post("/admin/shield")
                            .with(as(agent, "AGENT"))
                            .with(csrf())
                            .param("route", "true")
                            .param("handler", String.valueOf(handler.agent().value()))
                            .param("macro", "Please stay respectful."))
                    .andExpect(status().isForbidden());
            mvc.perform(post("/admin/shield")
                            .with(as(admin, "ADMIN"))
                            .with(csrf())
                            .param("route", "true")
                            .param("macro", "Please stay respectful."))
                    .andExpect(status().is3xxRedirection()); // refused: routing needs a designated agent
            assertThat(settings.get().routeAbusive()).isEqualTo(before.routeAbusive());
            mvc.perform(post("/admin/shield")
                            .with(as(admin, "ADMIN"))
                            .with(csrf())
                            .param("route", "true")
                            .param("handler", String.valueOf(handler.agent().value()))
                            .param("macro", "Please stay respectful."))
                    .andExpect(status().is3xxRedirection());
            assertThat(settings.get().handlers()).containsExactly(handler.agent());

            TicketId ticket = open(agent, ABUSE);

            Ticket routed = tickets.get(ticket, TicketScope.ALL);
            assertThat(routed.assignee()).isEqualTo(handler.agent());
            assertThat(routed.team()).isEqualTo(handler.team());
            assertThat(notices.unread(handler.agent(), 10))
                    .anySatisfy(n -> assertThat(n.text()).contains("routed to you"));
            String page = mvc.perform(get("/tickets/" + ticket.value()).with(as(handler, "AGENT")))
                    .andReturn()
                    .getResponse()
                    .getContentAsString();
            assertThat(page).contains("Please stay respectful.");

            // The same sender's next ticket, polite this time, goes to the designated agent too.
            long customer = routed.customer().value();
            TicketId next = new TicketId(api.json(api.post(agent.token(), "/api/v1/tickets", """
                                    {"subject": "Follow-up", "customer": {"id": %d}, "channel": "email", "teamId": %d,
                                     "message": {"text": "Could you tell me when the technician comes?", "author": "customer"}}""".formatted(
                                    customer, agent.team().value())))
                    .get("id")
                    .asLong());
            MessageId first = tickets.messages(next, TicketScope.ALL).getFirst().id();
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> analyses.of(List.of(first)).containsKey(first));
            assertThat(tickets.get(next, TicketScope.ALL).assignee()).isEqualTo(handler.agent());
            assertThat(tickets.get(next, TicketScope.ALL).tags()).doesNotContain(AbuseShield.TAG);
        } finally {
            settings.change(before);
        }
    }

    @Test
    void shieldSegmentsKeepEveryCharacterAndMaskOnlyAbuse() {
        var classifier = new org.rapport.analysis.LexiconEmotionClassifier();
        var analysis = classifier.analyse(ABUSE, "en");
        List<Shield.Segment> segments = Shield.segments(ABUSE, analysis);
        assertThat(String.join("", segments.stream().map(Shield.Segment::text).toList()))
                .isEqualTo(ABUSE);
        assertThat(segments).filteredOn(Shield.Segment::masked).singleElement().satisfies(s -> {
            assertThat(s.text()).contains("idiot");
            assertThat(s.category()).isEqualTo("insult");
        });
    }
}
