package org.rapport.email;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The email channel's settings. {@code smtpPort} 0 turns the built-in receiver off; with no mailboxes
 * configured every recipient lands in the default inbox, so a new install takes mail at once.
 */
@ConfigurationProperties("rapport.email")
public record EmailProperties(
        @DefaultValue("2525") int smtpPort,
        @DefaultValue("0.0.0.0") String smtpBind,
        @DefaultValue("support@rapport.local") String defaultMailbox,
        @DefaultValue("10") int recoverAfterSeconds) {}
