package org.rapport.email;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** Quarantined mail on the health endpoint and as a metric: someone must look at it. */
@Component("email")
class EmailHealth implements HealthIndicator {

    private final EmailQuarantine quarantine;

    EmailHealth(EmailQuarantine quarantine, MeterRegistry meters) {
        this.quarantine = quarantine;
        Gauge.builder("rapport.email.quarantined", quarantine, EmailQuarantine::count)
                .description("Inbound messages waiting in quarantine")
                .register(meters);
    }

    @Override
    public Health health() {
        return Health.up().withDetail("quarantined", quarantine.count()).build();
    }
}
