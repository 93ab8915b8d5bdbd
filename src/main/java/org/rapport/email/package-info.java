/**
 * The email channel: mail ⇄ tickets. Stores every inbound message before acknowledging it, processes it
 * idempotently (one ticket message per Message-ID), threads it by Message-ID and by the signed ticket
 * token in the subject, keeps machines from talking to machines, and quarantines what it cannot take.
 * DESIGN.md calls this module {@code channel.email}.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "channel.email",
        allowedDependencies = {"shared", "files", "mail", "ticket", "customer"})
package org.rapport.email;
