package org.rapport.ticket;

import org.rapport.shared.MessageId;
import org.rapport.shared.TicketId;

/** A message was split out of {@code source} into the new ticket {@code created}. */
public record TicketSplit(TicketId source, TicketId created, MessageId message) implements TicketEvents {}
