package org.rapport.web;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.rapport.access.Caller;
import org.rapport.guidance.Assessment;
import org.rapport.guidance.Assessments;
import org.rapport.guidance.BusinessCalendars;
import org.rapport.guidance.Commitment;
import org.rapport.guidance.Commitments;
import org.rapport.guidance.Guidance;
import org.rapport.guidance.Policies;
import org.rapport.guidance.Policy;
import org.rapport.guidance.TicketAssessment;
import org.rapport.shared.InvalidValueException;
import org.rapport.shared.NotFoundException;
import org.rapport.shared.TicketId;
import org.rapport.ticket.Message;
import org.rapport.ticket.Ticket;
import org.rapport.ticket.TicketQueries;
import org.rapport.ticket.TicketScope;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Accountability on the ticket page: the complaint assessment, the live reply check beside the reply box,
 * and the promises made, which agents mark kept, dismiss or re-date; plus each agent's list of promises.
 */
@Controller
class TicketGuidanceController {

    private final TicketQueries tickets;
    private final Assessments assessments;
    private final Policies policies;
    private final Guidance guidance;
    private final Commitments commitments;
    private final BusinessCalendars calendars;

    TicketGuidanceController(
            TicketQueries tickets,
            Assessments assessments,
            Policies policies,
            Guidance guidance,
            Commitments commitments,
            BusinessCalendars calendars) {
        this.tickets = tickets;
        this.assessments = assessments;
        this.policies = policies;
        this.guidance = guidance;
        this.commitments = commitments;
        this.calendars = calendars;
    }

    @PostMapping("/tickets/{id}/assessment")
    String assess(
            Caller me,
            @PathVariable long id,
            @RequestParam(defaultValue = "undetermined") String verdict,
            @RequestParam(defaultValue = "") String reason,
            @RequestParam(required = false) Long policy,
            RedirectAttributes flash) {
        Ticket ticket = tickets.get(new TicketId(id), WebConfiguration.scope(me));
        Assessment parsed;
        try {
            parsed = Assessment.parse(verdict);
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException("verdict", e.getMessage());
        }
        assessments.set(ticket.id(), parsed, reason, policy, me.actor());
        flash.addFlashAttribute("notice", "Assessment saved.");
        return "redirect:/tickets/" + id;
    }

    /** The reply check for the text in the reply box, as the agent writes. */
    @PostMapping("/tickets/{id}/check")
    String check(Caller me, @PathVariable long id, @RequestParam(defaultValue = "") String text, Model model) {
        Ticket ticket = tickets.get(new TicketId(id), WebConfiguration.scope(me));
        if (text.isBlank() || text.length() > 20_000) {
            model.addAttribute("check", null);
            return "ticket :: check";
        }
        List<Message> messages = tickets.messages(ticket.id(), WebConfiguration.scope(me));
        String customer = TicketPageController.latestCustomerMessage(messages)
                .map(Message::text)
                .orElse(null);
        TicketAssessment assessment = assessments.of(ticket.id());
        List<Policy> applying = assessment.policyId() == null
                ? policies.suggest(customer).stream().limit(1).toList()
                : policies.get(List.of(assessment.policyId())).stream()
                        .map(policies::inForce)
                        .toList();
        model.addAttribute(
                "check", guidance.check(text, customer, assessment.verdict(), applying, calendars.of(ticket.team())));
        model.addAttribute("checkPolicies", applying);
        return "ticket :: check";
    }

    @PostMapping("/commitments/{id}")
    String commitment(
            Caller me,
            @PathVariable long id,
            @RequestParam(defaultValue = "") String state,
            @RequestParam(defaultValue = "") String due,
            @RequestParam(defaultValue = "") String back,
            RedirectAttributes flash) {
        Commitment c = commitments.get(id);
        // The promise is on a ticket: whoever cannot see the ticket cannot see or change its promises.
        Ticket ticket = tickets.find(c.ticket(), WebConfiguration.scope(me))
                .orElseThrow(() -> new NotFoundException("Commitment", id));
        if (!due.isBlank()) {
            commitments.correct(id, parseLocal(due, calendars.of(ticket.team()).zone()), me.actor());
        }
        if (!state.isBlank()) {
            commitments.close(id, state, me.actor());
        }
        flash.addFlashAttribute("notice", "Promise updated.");
        return back.equals("list")
                ? "redirect:/commitments"
                : "redirect:/tickets/" + ticket.id().value();
    }

    @GetMapping("/commitments")
    String list(Caller me, Model model) {
        TicketScope scope = WebConfiguration.scope(me);
        // Only promises on tickets the agent may still open (moved to another team: not theirs to see).
        model.addAttribute(
                "mine",
                commitments.openFor(me.agent(), 200).stream()
                        .filter(c -> tickets.find(c.ticket(), scope).isPresent())
                        .toList());
        List<Commitment> overdue = me.role().seesAllTeams()
                ? commitments.overdue(Instant.now(), 200).stream()
                        .filter(c -> tickets.find(c.ticket(), scope).isPresent())
                        .toList()
                : List.of();
        model.addAttribute("overdue", overdue);
        model.addAttribute("now", Instant.now());
        return "commitments";
    }

    private static Instant parseLocal(String value, java.time.ZoneId zone) {
        try {
            return LocalDateTime.parse(value).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidValueException("due", "a date and time like 2026-11-24T17:00");
        }
    }
}
