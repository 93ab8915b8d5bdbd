package org.rapport.guidance;

import java.time.Instant;
import org.rapport.shared.AgentId;
import org.rapport.shared.TicketId;

/** Whether a ticket's complaint is justified, why, and the policy version that decision rests on. */
public record TicketAssessment(
        TicketId ticket, Assessment verdict, String reason, Long policyId, AgentId setBy, Instant setAt) {

    public static TicketAssessment none(TicketId ticket) {
        return new TicketAssessment(ticket, Assessment.UNDETERMINED, "", null, null, null);
    }
}
