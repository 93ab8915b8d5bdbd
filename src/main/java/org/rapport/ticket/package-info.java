/**
 * Tickets and their messages: statuses, priorities, tags, custom fields, assignment, merge and split,
 * and the audit trail of every change. Knows no channel and no analysis: other modules react to its
 * events ({@code TicketOpened}, {@code CustomerReplied}, {@code AgentReplied}, …).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "files", "customer", "agent"})
package org.rapport.ticket;
