package org.rapport.analysis;

import org.rapport.shared.CustomerId;
import org.rapport.shared.MessageId;
import org.rapport.shared.TicketId;

/**
 * A customer's message was analysed and the result stored. Published inside the transaction that stores
 * it, so what listeners do (flag, notify, route) commits with the analysis or not at all. {@code recent}
 * is false for old messages analysed late (history at the first start): nothing should react to those.
 */
public record MessageAnalysed(
        MessageId message, TicketId ticket, CustomerId customer, Analysis analysis, boolean recent) {}
