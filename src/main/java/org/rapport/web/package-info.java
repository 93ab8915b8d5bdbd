/**
 * The agent and admin workspace: server-rendered pages (Thymeleaf and htmx) over the domain modules, live
 * updates by server-sent events, and who else is on a ticket.
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {
            "shared",
            "files",
            "customer",
            "agent",
            "ticket",
            "access",
            "email",
            "analysis",
            "wellbeing",
            "guidance"
        })
package org.rapport.web;
