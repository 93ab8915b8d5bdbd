package org.rapport.ticket;

import org.rapport.shared.ChannelKind;
import org.rapport.shared.CustomerId;
import org.rapport.shared.MessageId;
import org.rapport.shared.TicketId;

/** The customer wrote on a ticket. */
public record CustomerReplied(TicketId ticket, MessageId message, CustomerId customer, ChannelKind channel)
        implements TicketEvents {}
