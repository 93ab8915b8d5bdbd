/**
 * The public REST API under {@code /api/v1}: JSON in and out, RFC 9457 problem details for every
 * refusal, idempotent POSTs, optimistic concurrency with ETags, per-token rate limits.
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
            "mail",
            "analysis",
            "guidance"
        })
package org.rapport.api;
