package org.rapport.guidance;

import org.rapport.shared.AgentId;
import org.rapport.shared.TicketId;

/** A promise made to a customer is past its due date and not yet kept. */
public record CommitmentDue(long commitment, TicketId ticket, AgentId agent, String quote) {}
