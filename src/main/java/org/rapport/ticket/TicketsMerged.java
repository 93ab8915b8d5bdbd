package org.rapport.ticket;

import org.rapport.shared.TicketId;

/** The messages of {@code merged} moved into {@code survivor}. */
public record TicketsMerged(TicketId merged, TicketId survivor) implements TicketEvents {}
