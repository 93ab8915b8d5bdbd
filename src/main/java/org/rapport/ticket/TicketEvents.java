package org.rapport.ticket;

/** Marker for the events the ticket module publishes; each is a record in this package. */
public sealed interface TicketEvents
        permits TicketOpened,
                CustomerReplied,
                AgentReplied,
                InternalNoteAdded,
                TicketAssigned,
                TicketStatusChanged,
                TicketsMerged,
                TicketSplit {}
