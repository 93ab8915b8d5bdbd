package org.rapport.ticket;

import org.rapport.shared.AgentId;
import org.rapport.shared.MessageId;
import org.rapport.shared.TicketId;

/** An agent wrote an internal note. */
public record InternalNoteAdded(TicketId ticket, MessageId message, AgentId agent) implements TicketEvents {}
