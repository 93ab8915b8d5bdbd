package org.rapport.api;

import java.time.Instant;
import org.rapport.shared.Actor;

/** One audit entry: who (agent, customer, API token, system), what field, before and after, when. */
record AuditJson(long id, Actor actor, String field, String before, String after, Instant at) {}
