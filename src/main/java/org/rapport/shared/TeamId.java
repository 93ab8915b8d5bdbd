package org.rapport.shared;

/** Identifies a team across modules. */
public record TeamId(long value) {
    public static TeamId of(long value) {
        return new TeamId(value);
    }
}
