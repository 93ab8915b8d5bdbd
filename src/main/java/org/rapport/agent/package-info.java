/** Agents, teams, roles, skills, capacity and presence. Publishes {@link org.rapport.agent.PresenceChanged}. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = "shared")
package org.rapport.agent;
