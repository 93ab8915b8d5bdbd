package org.rapport.agent;

import org.rapport.shared.AgentId;

/** An agent went online, away, on a break or offline. */
public record PresenceChanged(AgentId agent, Presence before, Presence after) {}
