package org.rapport.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.rapport.analysis.Analysis;
import org.rapport.analysis.AnalysisQueries;
import org.rapport.analysis.Cue;
import org.rapport.analysis.EmotionTrend;
import org.rapport.guidance.Assessments;
import org.rapport.guidance.BusinessCalendars;
import org.rapport.guidance.Commitments;
import org.rapport.guidance.Policies;
import org.rapport.guidance.Policy;
import org.rapport.guidance.TicketAssessment;
import org.rapport.shared.MessageId;
import org.rapport.ticket.AuthorKind;
import org.rapport.ticket.Message;
import org.rapport.ticket.Ticket;
import org.rapport.wellbeing.AbuseShield;
import org.rapport.wellbeing.Shield;
import org.rapport.wellbeing.ShieldSettingsStore;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * What analysis and guidance add to the ticket page: badges that say what each customer message shows and
 * which words made us think so, abusive passages masked, the mood's trend, the boundary reply when the
 * ticket is flagged; and the complaint assessment, policies and promises made.
 */
@Component
class TicketInsights {

    /** One message's reading: badges with the words behind them, and its text in shielded segments. */
    record Insight(List<Badge> badges, List<Shield.Segment> segments, boolean masked) {}

    record Badge(String label, String kind, String because) {}

    private final AnalysisQueries analyses;
    private final ShieldSettingsStore shield;
    private final Assessments assessments;
    private final Policies policies;
    private final Commitments commitments;
    private final BusinessCalendars calendars;

    TicketInsights(
            AnalysisQueries analyses,
            ShieldSettingsStore shield,
            Assessments assessments,
            Policies policies,
            Commitments commitments,
            BusinessCalendars calendars) {
        this.analyses = analyses;
        this.shield = shield;
        this.assessments = assessments;
        this.policies = policies;
        this.commitments = commitments;
        this.calendars = calendars;
    }

    /** The assessment, the policies (those suggested by the customer's words first) and the promises made. */
    void fillGuidance(Ticket ticket, List<Message> messages, Model model) {
        String customer = TicketPageController.latestCustomerMessage(messages)
                .map(Message::text)
                .orElse(null);
        TicketAssessment assessment = assessments.of(ticket.id());
        model.addAttribute("assessment", assessment);
        model.addAttribute("verdicts", org.rapport.guidance.Assessment.values());
        List<Policy> choices = new java.util.ArrayList<>(policies.current());
        if (assessment.policyId() != null && choices.stream().noneMatch(p -> p.id() == assessment.policyId())) {
            // The version the assessment rests on stays selectable, so saving the form does not drop it.
            choices.addAll(policies.get(List.of(assessment.policyId())));
        }
        model.addAttribute("policies", choices);
        model.addAttribute(
                "suggested", policies.suggest(customer).stream().map(Policy::id).toList());
        model.addAttribute("commitments", commitments.of(ticket.id()));
        model.addAttribute("zone", calendars.of(ticket.team()).zone());
        model.addAttribute("now", java.time.Instant.now());
    }

    /** Each customer message's badges and shielded text, by message id. */
    Map<Long, Insight> insightsOf(List<Message> messages) {
        return insightsOf(messages, analyses.of(fromCustomer(messages)));
    }

    private static Map<Long, Insight> insightsOf(List<Message> messages, Map<MessageId, Analysis> found) {
        Map<Long, Insight> insights = new HashMap<>();
        for (Message m : messages) {
            Analysis a = found.get(m.id());
            if (a != null) {
                insights.put(m.id().value(), new Insight(badges(a), Shield.segments(m.text(), a), Shield.masks(a)));
            }
        }
        return insights;
    }

    private static List<MessageId> fromCustomer(List<Message> messages) {
        return messages.stream()
                .filter(m -> m.authorKind() == AuthorKind.CUSTOMER)
                .map(Message::id)
                .toList();
    }

    void fill(List<Message> messages, List<String> tags, Model model) {
        List<MessageId> fromCustomer = fromCustomer(messages);
        Map<MessageId, Analysis> found = analyses.of(fromCustomer);
        Map<Long, Insight> insights = insightsOf(messages, found);
        EmotionTrend trend = AnalysisQueries.trend(fromCustomer, found);
        model.addAttribute("insights", insights);
        model.addAttribute("trend", trend);
        boolean flagged = tags.contains(AbuseShield.TAG);
        model.addAttribute("flagged", flagged);
        model.addAttribute("boundaryMacro", flagged ? shield.get().boundaryMacro() : null);
    }

    static List<Badge> badges(Analysis a) {
        List<Badge> badges = new ArrayList<>();
        if (!a.analysed()) {
            badges.add(new Badge(
                    a.language().equals("automatic") ? "automatic" : "not analysed (" + a.language() + ")",
                    "muted",
                    "Only English is analysed so far; nothing here was scored."));
            return badges;
        }
        badges.add(new Badge(a.valenceLabel(), "valence-" + a.valenceLabel(), because(a, "valence")));
        if (!a.angerLabel().equals("none")) {
            badges.add(new Badge(
                    "frustration " + a.angerLabel(),
                    "anger",
                    String.format(Locale.ROOT, "%.2f · %s", a.anger(), because(a, "anger"))));
        }
        if (a.worry() > 0) {
            badges.add(new Badge("worried", "worry", because(a, "worry")));
        }
        if (a.gratitude() > 0) {
            badges.add(new Badge("grateful", "gratitude", because(a, "gratitude")));
        }
        if (a.urgent()) {
            badges.add(new Badge("urgent", "urgency", because(a, "urgency")));
        }
        for (String kind : a.escalation()) {
            badges.add(
                    new Badge("escalation: " + kind.replace('_', ' '), "escalation", because(a, "escalation:" + kind)));
        }
        if (a.abuse().present()) {
            badges.add(new Badge(
                    "abuse: " + a.abuse().category() + " (" + a.abuse().severity() + ")",
                    "abuse",
                    "aimed at " + a.abuse().target()));
        }
        return badges;
    }

    private static String because(Analysis a, String label) {
        String words = a.cues().stream()
                .filter(c -> c.label().equals(label) || c.label().startsWith(label + ":"))
                .filter(c -> !Analysis.insideAbuse(a, c)) // a tooltip must not show what the shield hides
                .map(Cue::span)
                .map(s -> "“" + s.text() + "”")
                .distinct()
                .limit(6)
                .collect(Collectors.joining(", "));
        return words.isEmpty() ? "overall wording" : words;
    }
}
