package org.rapport.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.rapport.Accounts;
import org.rapport.Accounts.Account;
import org.rapport.Api;
import org.rapport.RapportTest;
import org.rapport.agent.Role;
import org.rapport.shared.Actor;
import org.rapport.shared.MessageId;
import org.rapport.shared.TicketId;
import org.rapport.ticket.Priority;
import org.rapport.ticket.TicketAuditEntry;
import org.rapport.ticket.TicketChanges;
import org.rapport.ticket.TicketQueries;
import org.rapport.ticket.TicketScope;
import org.rapport.ticket.TicketService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Every customer message is analysed once after commit, stored, announced, and may raise the priority. */
@RapportTest
@Import(AnalysisPipelineTests.Heard.class)
class AnalysisPipelineTests {

    @TestConfiguration
    static class Heard {
        final List<MessageAnalysed> events = new CopyOnWriteArrayList<>();

        @EventListener
        void on(MessageAnalysed event) {
            events.add(event);
        }
    }

    @Autowired
    Accounts accounts;

    @Autowired
    Api api;

    @Autowired
    AnalysisQueries analyses;

    @Autowired
    TicketQueries tickets;

    @Autowired
    MessageAnalyser analyser;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Heard heard;

    @Autowired
    TicketService ticketService;

    private TicketId open(Account agent, String subject, String text) {
        return new TicketId(api.openTicket(agent.token(), agent.team().value(), subject, text)
                .get("id")
                .asLong());
    }

    MessageId firstMessage(TicketId ticket) {
        return tickets.messages(ticket, TicketScope.ALL).getFirst().id();
    }

    Analysis analysed(MessageId message) {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> analyses.of(List.of(message)).containsKey(message));
        return analyses.of(List.of(message)).get(message);
    }

    @Test
    void anAngryUrgentCustomerIsAnalysedAndTheTicketRaisedWithTheReasonInTheAuditTrail() {
        Account agent = accounts.inNewTeam(Role.AGENT);
        JsonNode opened = api.openTicket(
                agent.token(),
                agent.team().value(),
                "Still no refund",
                "This is the third time I write about this! I am absolutely furious, it is unacceptable."
                        + " I need the refund TODAY or I will take this to the ombudsman.");
        TicketId ticket = new TicketId(opened.get("id").asLong());
        MessageId message = firstMessage(ticket);

        Analysis analysis = analysed(message);

        assertThat(analysis.analysed()).isTrue();
        assertThat(analysis.language()).isEqualTo("en");
        assertThat(analysis.urgent()).isTrue();
        assertThat(analysis.anger()).isGreaterThanOrEqualTo(0.6);
        assertThat(analysis.escalation()).contains("regulator");
        assertThat(jdbc.sql("SELECT array_to_string(escalation, ',') FROM analysis_result WHERE message_id = ?")
                        .param(message.value())
                        .query(String.class)
                        .single())
                .contains("regulator");
        assertThat(analysis.cues()).anySatisfy(c -> assertThat(c.span().text()).containsIgnoringCase("ombudsman"));
        assertThat(heard.events).anySatisfy(e -> assertThat(e.message()).isEqualTo(message));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> tickets.get(ticket, TicketScope.ALL).priority() == Priority.HIGH);
        List<TicketAuditEntry> trail = tickets.auditTrail(ticket, TicketScope.ALL);
        assertThat(trail).anySatisfy(e -> {
            assertThat(e.field()).isEqualTo("priority");
            assertThat(e.actor().label()).startsWith("analysis: anger").contains("urgency");
        });
    }

    @Test
    void anAutomaticRaiseNeverOverwritesAPrioritySetMeanwhile() {
        Account agent = accounts.inNewTeam(Role.AGENT);
        TicketId id = open(agent, "Printer", "It jams.");
        Actor rule = new Actor(Actor.Kind.SYSTEM, null, "rule");
        var seen = tickets.get(id, TicketScope.ALL);
        // An agent lowers the priority after the rule read the ticket.
        ticketService.update(id, new TicketChanges(null, null, Priority.LOW, null, null, null, null), null, rule);

        assertThat(ticketService.raisePriority(seen, Priority.HIGH, rule)).isFalse();
        assertThat(tickets.get(id, TicketScope.ALL).priority()).isEqualTo(Priority.LOW);

        var now = tickets.get(id, TicketScope.ALL);
        // Other changes in between (a tag, a new message) do not stop the raise.
        ticketService.update(id, new TicketChanges(null, null, null, null, null, List.of("billing"), null), null, rule);
        assertThat(ticketService.raisePriority(now, Priority.HIGH, rule)).isTrue();
        var raised = tickets.get(id, TicketScope.ALL);
        assertThat(raised.priority()).isEqualTo(Priority.HIGH);
        assertThat(raised.version()).isGreaterThan(now.version());
        assertThat(ticketService.raisePriority(raised, Priority.HIGH, rule)).isFalse();
        assertThat(tickets.auditTrail(id, TicketScope.ALL))
                .filteredOn(e -> e.field().equals("priority"))
                .hasSize(2);
    }

    @Test
    void aCalmQuestionLeavesThePriorityAloneAndOtherLanguagesAreNotScoredAsEnglish() {
        Account agent = accounts.inNewTeam(Role.AGENT);
        TicketId calm = open(agent, "Invoice copy", "Could you send me a copy of my March invoice, please?");
        TicketId german = open(
                agent,
                "Lieferung",
                "Ich warte seit drei Wochen auf meine Bestellung und niemand antwortet mir. Das ist eine Frechheit!");

        Analysis a = analysed(firstMessage(calm));
        Analysis g = analysed(firstMessage(german));

        assertThat(a.analysed()).isTrue();
        assertThat(a.urgent()).isFalse();
        assertThat(tickets.get(calm, TicketScope.ALL).priority()).isEqualTo(Priority.NORMAL);
        assertThat(g.analysed()).isFalse();
        assertThat(g.language()).isEqualTo("de");
        assertThat(g.cues()).isEmpty();
    }

    @Test
    void theCatchUpScanAnalysesWhatTheQueueMissedAndNothingTwice() {
        Account agent = accounts.inNewTeam(Role.AGENT);
        TicketId ticket = open(agent, "Missed", "My parcel never arrived and I am worried.");
        MessageId message = firstMessage(ticket);
        analysed(message);
        // As if the queue had lost it: forget the analysis and scan from before the message again.
        jdbc.sql("DELETE FROM analysis_result WHERE message_id = ?")
                .param(message.value())
                .update();
        jdbc.sql("UPDATE analysis_progress SET checked_up_to = ? WHERE id = 1")
                .param(message.value() - 1)
                .update();
        jdbc.sql("UPDATE ticket_message SET created_at = created_at - interval '5 minutes' WHERE id = ?")
                .param(message.value())
                .update();
        int before = heard.events.size();

        analyser.catchUp();

        assertThat(analyses.of(List.of(message))).containsKey(message);
        assertThat(analyser.analyse(List.of(message))).isZero(); // already stored: not again
        assertThat(heard.events.subList(before, heard.events.size()))
                .filteredOn(e -> e.message().equals(message))
                .hasSize(1);
        long progress = jdbc.sql("SELECT checked_up_to FROM analysis_progress WHERE id = 1")
                .query(Long.class)
                .single();
        assertThat(progress).isGreaterThanOrEqualTo(message.value());
    }

    @Test
    void theTrendFollowsTheCustomersMoodAcrossTheConversation() {
        MessageId one = new MessageId(1);
        MessageId two = new MessageId(2);
        Analysis angry = new LexiconEmotionClassifier().analyse("This is a disgrace, I am furious!!", "en");
        Analysis happy =
                new LexiconEmotionClassifier().analyse("Thank you so much, that fixed it. Great service!", "en");
        EmotionTrend trend = AnalysisQueries.trend(List.of(one, two), Map.of(one, angry, two, happy));
        assertThat(trend.direction()).isEqualTo("improving");
        assertThat(AnalysisQueries.trend(List.of(two, one), Map.of(one, angry, two, happy))
                        .direction())
                .isEqualTo("worsening");
        assertThat(AnalysisQueries.trend(List.of(one), Map.of()).direction()).isEqualTo("none");
    }

    @Test
    void oldMessagesAnalysedLateAreStoredButNothingReactsToThem() {
        Account agent = accounts.inNewTeam(Role.AGENT);
        TicketId ticket = open(
                agent,
                "Old and angry",
                "THIRD time I write, I am furious and need this TODAY. You are an incompetent idiot.");
        MessageId message = firstMessage(ticket);
        analysed(message);
        // As on the first start of an old help desk: the message is from yesterday and has no analysis yet.
        jdbc.sql("DELETE FROM analysis_result WHERE message_id = ?")
                .param(message.value())
                .update();
        jdbc.sql("UPDATE ticket_message SET created_at = now() - interval '1 day' WHERE id = ?")
                .param(message.value())
                .update();
        jdbc.sql("UPDATE ticket SET priority = 'NORMAL', priority_rank = 1, tags = '{}' WHERE id = ?")
                .param(ticket.value())
                .update();
        int before = heard.events.size();

        assertThat(analyser.analyse(List.of(message))).isOne();

        assertThat(analyses.of(List.of(message)).get(message).abuse().present()).isTrue();
        assertThat(heard.events.subList(before, heard.events.size()))
                .singleElement()
                .satisfies(e -> assertThat(e.recent()).isFalse());
        assertThat(tickets.get(ticket, TicketScope.ALL).priority()).isEqualTo(Priority.NORMAL);
        assertThat(tickets.get(ticket, TicketScope.ALL).tags()).isEmpty();
    }
}
