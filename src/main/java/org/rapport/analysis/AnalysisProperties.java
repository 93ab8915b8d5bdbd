package org.rapport.analysis;

import org.rapport.ticket.Priority;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Analysis of customer messages ({@code rapport.analysis.*}): on or off, and the rule that raises the
 * priority of a ticket whose customer is highly frustrated (and, by default, also urgent).
 */
@ConfigurationProperties("rapport.analysis")
public record AnalysisProperties(
        @DefaultValue("true") boolean enabled, @DefaultValue Bump bump) {

    /** Raise the ticket to {@code to} when anger reaches {@code minAnger} (and urgency shows, if required). */
    public record Bump(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("0.6") double minAnger,
            @DefaultValue("true") boolean needsUrgency,
            @DefaultValue("HIGH") Priority to) {}
}
