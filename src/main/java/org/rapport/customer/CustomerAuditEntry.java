package org.rapport.customer;

import java.time.Instant;
import org.rapport.shared.Actor;

/** One recorded change of a customer. */
public record CustomerAuditEntry(long id, Actor actor, String field, String before, String after, Instant at) {}
