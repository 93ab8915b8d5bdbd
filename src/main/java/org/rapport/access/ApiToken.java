package org.rapport.access;

import java.time.Instant;
import java.util.Set;
import org.rapport.shared.AgentId;

/** An API token as listed: never its secret, only a hint of its last characters. */
public record ApiToken(
        long id,
        AgentId agent,
        String name,
        String hint,
        Set<Scope> scopes,
        Instant createdAt,
        Instant lastUsedAt,
        Instant revokedAt) {}
