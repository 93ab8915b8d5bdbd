package org.rapport.ticket;

/** Where a ticket stands. */
public enum TicketStatus {
    /** Nobody has answered yet. */
    NEW,
    /** We are working on it. */
    OPEN,
    /** Waiting on the customer. */
    PENDING,
    /** Waiting on us or a third party. */
    ON_HOLD,
    /** Answered; a customer reply reopens it. */
    SOLVED,
    /** Finished for good; a customer reply opens a linked follow-up ticket. */
    CLOSED;

    public boolean isActive() {
        return this != SOLVED && this != CLOSED;
    }
}
