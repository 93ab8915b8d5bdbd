package org.rapport.api;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** Limits of the API: the largest body accepted and requests per second per token (with a burst). */
@Validated
@ConfigurationProperties("rapport.api")
record ApiProperties(
        @DefaultValue("1048576") @Min(1024) long maxBodyBytes,
        @DefaultValue("50") @Min(1) long rateLimitPerSecond,
        @DefaultValue("100") @Min(1) long rateLimitBurst,
        @DefaultValue("200") @Min(1) int maxPageSize) {}
