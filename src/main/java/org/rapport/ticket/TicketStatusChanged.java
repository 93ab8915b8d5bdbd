package org.rapport.ticket;

import org.rapport.shared.TicketId;

/** A ticket moved from one status to another. */
public record TicketStatusChanged(TicketId ticket, TicketStatus from, TicketStatus to) implements TicketEvents {}
