package org.rapport.guidance;

import java.time.Instant;
import java.util.List;

/**
 * One version of an accountability policy: for which kind of complaint (and the words that suggest it),
 * what the agent may offer on their own ({@link PolicyLimits}), and the standard wording to use.
 */
public record Policy(
        long id,
        String key,
        int version,
        String name,
        String complaintKind,
        List<String> keywords,
        PolicyLimits limits,
        String wording,
        boolean active,
        Instant createdAt) {}
