package org.rapport.ticket;

import java.time.Instant;
import org.rapport.shared.CustomerId;
import org.rapport.shared.MessageId;
import org.rapport.shared.TicketId;

/** What a customer wrote in one message, for modules that read it (analysis); automatic mail included. */
public record CustomerText(
        MessageId message, TicketId ticket, CustomerId customer, String text, boolean automatic, Instant createdAt) {}
