package org.rapport.agent;

/** Whether an agent can take work now. */
public enum Presence {
    ONLINE,
    AWAY,
    ON_BREAK,
    OFFLINE
}
