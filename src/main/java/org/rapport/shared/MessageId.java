package org.rapport.shared;

/** Identifies a message across modules. */
public record MessageId(long value) {
    public static MessageId of(long value) {
        return new MessageId(value);
    }
}
