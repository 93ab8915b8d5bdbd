package org.rapport.guidance;

import org.rapport.shared.Actor;
import org.rapport.shared.AgentId;
import org.rapport.shared.InvalidValueException;
import org.rapport.shared.TicketId;
import org.rapport.ticket.TicketService;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The complaint assessment of each ticket. Changing it is in the ticket's audit trail: it decides what the
 * reply check allows (an admission of fault is only fine where the complaint is justified).
 */
@Service
public class Assessments {

    static final int MAX_REASON = 2000;

    private final JdbcClient jdbc;
    private final Policies policies;
    private final TicketService tickets;

    Assessments(JdbcClient jdbc, Policies policies, TicketService tickets) {
        this.jdbc = jdbc;
        this.policies = policies;
        this.tickets = tickets;
    }

    public TicketAssessment of(TicketId ticket) {
        return jdbc.sql(
                        "SELECT verdict, reason, policy_id, set_by, set_at FROM guidance_assessment WHERE ticket_id = ?")
                .param(ticket.value())
                .query((rs, i) -> new TicketAssessment(
                        ticket,
                        Assessment.parse(rs.getString(1)),
                        rs.getString(2),
                        (Long) rs.getObject(3),
                        rs.getObject(4) == null ? null : new AgentId(rs.getLong(4)),
                        rs.getTimestamp(5).toInstant()))
                .optional()
                .orElse(TicketAssessment.none(ticket));
    }

    /** Sets the assessment; the caller has already checked the actor may see the ticket. */
    @Transactional
    public TicketAssessment set(TicketId ticket, Assessment verdict, String reason, Long policyId, Actor actor) {
        String why = reason == null ? "" : org.rapport.shared.Texts.block("reason", reason.strip(), MAX_REASON);
        if (verdict != Assessment.UNDETERMINED && why.isEmpty() && policyId == null) {
            throw new InvalidValueException("reason", "say why, or name the policy the assessment rests on");
        }
        if (policyId != null) {
            policies.get(java.util.List.of(policyId));
        }
        TicketAssessment before = of(ticket);
        AgentId by = actor.kind() == Actor.Kind.AGENT ? new AgentId(actor.id()) : null;
        jdbc.sql("""
                        INSERT INTO guidance_assessment (ticket_id, verdict, reason, policy_id, set_by, set_at)
                        VALUES (?, ?, ?, ?, ?, now())
                        ON CONFLICT (ticket_id) DO UPDATE SET verdict = EXCLUDED.verdict, reason = EXCLUDED.reason,
                          policy_id = EXCLUDED.policy_id, set_by = EXCLUDED.set_by, set_at = EXCLUDED.set_at""")
                .params(ticket.value(), verdict.code(), why, policyId, by == null ? null : by.value())
                .update();
        tickets.audit(ticket, actor, "assessment", describe(before), describe(verdict, why, policyId));
        return of(ticket);
    }

    private static String describe(TicketAssessment a) {
        return a.setAt() == null ? null : describe(a.verdict(), a.reason(), a.policyId());
    }

    private static String describe(Assessment verdict, String reason, Long policyId) {
        String text = verdict.code()
                + (policyId == null ? "" : " (policy " + policyId + ")")
                + (reason.isEmpty() ? "" : ": " + reason);
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
