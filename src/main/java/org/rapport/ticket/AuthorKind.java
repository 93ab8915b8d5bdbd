package org.rapport.ticket;

/** Who wrote a message. */
public enum AuthorKind {
    CUSTOMER,
    AGENT,
    SYSTEM
}
