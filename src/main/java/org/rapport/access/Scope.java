package org.rapport.access;

import java.util.Locale;
import org.rapport.shared.InvalidValueException;

/** What an API token may do: read, or read and write. */
public enum Scope {
    READ,
    WRITE;

    public static Scope parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidValueException("scopes", "a scope is 'read' or 'write'");
        }
    }
}
