package org.rapport.email;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Processes messages that were stored but not processed: after a crash between the SMTP 250 and the
 * end of processing, or when processing was busy. Each runs once; the row lock keeps workers apart.
 */
@Component
class EmailRecoveryJob {

    private final JdbcClient jdbc;
    private final EmailProcessor processor;
    private final EmailProperties properties;

    EmailRecoveryJob(JdbcClient jdbc, EmailProcessor processor, EmailProperties properties) {
        this.jdbc = jdbc;
        this.processor = processor;
        this.properties = properties;
    }

    @Scheduled(fixedDelayString = "PT5S", initialDelayString = "PT2S")
    void processWaiting() {
        List<Long> waiting = jdbc.sql("""
                SELECT id FROM email_inbound WHERE state = 'RECEIVED' AND received_at < now() - make_interval(secs => ?)
                ORDER BY id LIMIT 500""")
                .param(properties.recoverAfterSeconds())
                .query(Long.class)
                .list();
        for (Long id : waiting) {
            try {
                processor.process(id);
            } catch (RuntimeException e) {
                // one message must never keep the others waiting
            }
        }
    }
}
