package org.rapport.shared;

/** Identifies a agent across modules. */
public record AgentId(long value) {
    public static AgentId of(long value) {
        return new AgentId(value);
    }
}
