package org.rapport.ticket;

import org.rapport.shared.ChannelKind;
import org.rapport.shared.CustomerId;
import org.rapport.shared.MessageId;
import org.rapport.shared.TeamId;
import org.rapport.shared.TicketId;

/** A ticket was opened. */
public record TicketOpened(
        TicketId ticket,
        long number,
        CustomerId customer,
        ChannelKind channel,
        TeamId team,
        Priority priority,
        MessageId firstMessage)
        implements TicketEvents {}
