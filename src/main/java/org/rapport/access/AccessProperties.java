package org.rapport.access;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** First-start settings: the first admin and an optional API token provisioned with a known secret. */
@ConfigurationProperties("rapport.access")
public record AccessProperties(
        @DefaultValue("admin@rapport.local") String adminEmail, String adminPassword, String bootstrapApiToken) {}
