package org.rapport.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.rapport.Accounts;
import org.rapport.RapportTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The intake's two paths: a readable message is stored and processed in one transaction; one that fails
 * after parsing (here: no sender) is still kept, committed on its own and quarantined.
 */
@RapportTest
class EmailIntakeTests {

    @Autowired
    EmailIntake intake;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aReadableMessageIsStoredAndProcessedTogether() {
        String id = Accounts.unique("intake") + "@example.com";
        byte[] raw = mail("From: Dana <" + Accounts.unique("dana") + "@example.com>", id);

        EmailIntake.Receipt receipt = intake.receive("support@rapport.test", "import", raw);
        EmailIntake.Receipt again = intake.receive("support@rapport.test", "import", raw);

        Map<String, Object> row = row(receipt.id());
        assertThat(receipt.duplicate()).isFalse();
        assertThat(row.get("state")).isEqualTo("PROCESSED");
        assertThat(row.get("ticket_id")).isNotNull();
        assertThat(again.duplicate()).isTrue();
        assertThat(again.id()).isEqualTo(receipt.id());
        assertThat(jdbc.sql("SELECT count(*) FROM ticket_message WHERE id = ?")
                        .param(row.get("message_id"))
                        .query(Long.class)
                        .single())
                .isEqualTo(1L);
    }

    @Test
    void theSameMailArrivingTwiceAtOnceMakesOneMessage() throws Exception {
        String id = Accounts.unique("twice") + "@example.com";
        byte[] raw = mail("From: Dana <" + Accounts.unique("dana") + "@example.com>", id);
        var pool = Executors.newFixedThreadPool(4);
        try {
            // To and Cc: two of our mailboxes get the same message at the same moment, twice each.
            List<Callable<EmailIntake.Receipt>> deliveries = List.of(
                    () -> intake.receive("support@rapport.test", "smtp", raw),
                    () -> intake.receive("billing@rapport.test", "smtp", raw),
                    () -> intake.receive("support@rapport.test", "smtp", raw),
                    () -> intake.receive("billing@rapport.test", "smtp", raw));
            List<EmailIntake.Receipt> receipts = new ArrayList<>();
            for (Future<EmailIntake.Receipt> f : pool.invokeAll(deliveries)) {
                receipts.add(f.get());
            }

            assertThat(receipts)
                    .extracting(EmailIntake.Receipt::id)
                    .containsOnly(receipts.getFirst().id());
            assertThat(receipts).filteredOn(r -> !r.duplicate()).hasSize(1);
            assertThat(row(receipts.getFirst().id()).get("state")).isEqualTo("PROCESSED");
            assertThat(jdbc.sql("SELECT count(*) FROM email_inbound WHERE dedupe_key = ?")
                            .param("mid:" + id)
                            .query(Long.class)
                            .single())
                    .isEqualTo(1L);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aMessageThatFailsAfterParsingIsKeptAndQuarantined() {
        String id = Accounts.unique("nofrom") + "@example.com";
        byte[] raw = mail("From: not an address", id);

        EmailIntake.Receipt receipt = intake.receive("support@rapport.test", "import", raw);
        EmailIntake.Receipt again = intake.receive("support@rapport.test", "import", raw);

        Map<String, Object> row = row(receipt.id());
        assertThat(row.get("state")).isEqualTo("QUARANTINED");
        assertThat((String) row.get("reason")).contains("From");
        assertThat(row.get("ticket_id")).isNull();
        assertThat(again.duplicate()).isTrue();
        assertThat(again.id()).isEqualTo(receipt.id());
    }

    private Map<String, Object> row(long id) {
        return jdbc.sql("SELECT state, reason, ticket_id, message_id FROM email_inbound WHERE id = ?")
                .param(id)
                .query()
                .singleRow();
    }

    private static byte[] mail(String from, String messageId) {
        return (from + "\r\n"
                        + "To: support@rapport.test\r\n"
                        + "Subject: The invoice is wrong\r\n"
                        + "Message-ID: <" + messageId + ">\r\n"
                        + "Content-Type: text/plain; charset=UTF-8\r\n"
                        + "\r\n"
                        + "Invoice 41 charges us twice for March.\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }
}
