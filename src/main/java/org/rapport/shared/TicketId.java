package org.rapport.shared;

/** Identifies a ticket across modules. */
public record TicketId(long value) {
    public static TicketId of(long value) {
        return new TicketId(value);
    }
}
