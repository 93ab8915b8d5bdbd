package org.rapport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Tells the person who started Rapport where it answers and where its data is. */
@Component
class StartupReport {

    private static final Logger log = LoggerFactory.getLogger(StartupReport.class);

    private final DatabaseProperties database;

    StartupReport(DatabaseProperties database) {
        this.database = database;
    }

    @EventListener
    void ready(ApplicationReadyEvent event) {
        if (!(event.getApplicationContext() instanceof WebServerApplicationContext web)) {
            return;
        }
        String data = database.embedded()
                ? "embedded PostgreSQL in "
                        + database.embeddedDirectory().toAbsolutePath().normalize()
                : "PostgreSQL at " + database.url();
        log.info(
                "Rapport is ready at http://localhost:{}/ (API: /api/v1, docs: /api-docs); data: {}",
                web.getWebServer().getPort(),
                data);
    }
}
