package org.rapport.agent;

/** What an agent may do. Supervisors and admins see every team's tickets; agents see their teams'. */
public enum Role {
    ADMIN,
    SUPERVISOR,
    AGENT;

    public boolean seesAllTeams() {
        return this != AGENT;
    }

    public boolean administers() {
        return this == ADMIN;
    }
}
