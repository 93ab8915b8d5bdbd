package org.rapport.ticket;

import java.time.Instant;
import org.rapport.shared.Actor;

/** One recorded change of a ticket: who changed which field from what to what, and when. */
public record TicketAuditEntry(long id, Actor actor, String field, String before, String after, Instant at) {}
