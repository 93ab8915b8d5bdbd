package org.rapport.ticket;

/** Whether a message came in from the customer's side or went out from ours. */
public enum Direction {
    INBOUND,
    OUTBOUND
}
