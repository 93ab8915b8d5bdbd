package org.rapport.shared;

/** Identifies a customer across modules; modules never hold another module's objects, only ids. */
public record CustomerId(long value) {
    public static CustomerId of(long value) {
        return new CustomerId(value);
    }
}
