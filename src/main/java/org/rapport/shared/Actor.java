package org.rapport.shared;

/**
 * Who made a change, as written in audit trails: an agent, a customer, an API token or the system.
 * The label is kept as it was at the time so the trail reads well even after renames.
 */
public record Actor(Kind kind, Long id, String label) {

    public enum Kind {
        AGENT,
        CUSTOMER,
        API_TOKEN,
        SYSTEM
    }

    public static final Actor SYSTEM = new Actor(Kind.SYSTEM, null, "system");

    public static Actor agent(AgentId id, String label) {
        return new Actor(Kind.AGENT, id.value(), label);
    }

    public static Actor customer(CustomerId id, String label) {
        return new Actor(Kind.CUSTOMER, id.value(), label);
    }

    public static Actor apiToken(long tokenId, String label) {
        return new Actor(Kind.API_TOKEN, tokenId, label);
    }
}
