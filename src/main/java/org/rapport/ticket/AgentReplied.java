package org.rapport.ticket;

import org.rapport.shared.AgentId;
import org.rapport.shared.ChannelKind;
import org.rapport.shared.MessageId;
import org.rapport.shared.TicketId;

/** An agent sent a public reply. */
public record AgentReplied(TicketId ticket, MessageId message, AgentId agent, ChannelKind channel)
        implements TicketEvents {}
