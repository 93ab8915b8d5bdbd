package org.rapport.ticket;

/** A public reply is seen by the customer; an internal note only by agents. */
public enum MessageKind {
    REPLY,
    NOTE
}
