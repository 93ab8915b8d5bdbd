package org.rapport.ticket;

/** How soon a ticket needs attention; the rank orders them. */
public enum Priority {
    LOW,
    NORMAL,
    HIGH,
    URGENT;

    public int rank() {
        return ordinal();
    }
}
