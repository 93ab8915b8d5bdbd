package org.rapport.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.io.File;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.rapport.RapportTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A child Rapport receives a stream of mail over SMTP and is killed (SIGKILL) at random moments. Like
 * a real MTA, the sender retries what got no 250. After the last restart every message is in exactly
 * one ticket message, none twice, and everything that got a 250 is among them.
 */
@RapportTest
class EmailCrashTests {

    @Autowired
    HikariDataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    org.springframework.core.env.Environment environment;

    @Test
    void killedReceiverLosesAndDuplicatesNothing() throws Exception {
        Random random = new Random(7);
        String run = UUID.randomUUID().toString().substring(0, 8);
        int port = Mailboxes.freePort();
        List<String> all = new ArrayList<>();
        Set<String> acknowledged = new LinkedHashSet<>();
        Set<String> unacknowledged = new LinkedHashSet<>();

        for (int round = 0; round < 3; round++) {
            Process child = start(port);
            try {
                awaitPort(port, child);
                // What the sender could not hand over last time, it sends again first.
                for (String id : List.copyOf(unacknowledged)) {
                    if (send(port, id, run)) {
                        unacknowledged.remove(id);
                        acknowledged.add(id);
                    }
                }
                Instant killAt = Instant.now().plusMillis(400 + random.nextInt(1200));
                Thread killer = Thread.ofVirtual().start(() -> {
                    sleepUntil(killAt);
                    child.destroyForcibly();
                });
                while (child.isAlive()) {
                    String id = run + "-" + all.size();
                    all.add(id);
                    (send(port, id, run) ? acknowledged : unacknowledged).add(id);
                }
                killer.join();
            } finally {
                child.destroyForcibly().waitFor();
            }
        }

        Process last = start(port);
        try {
            awaitPort(port, last);
            for (String id : List.copyOf(unacknowledged)) {
                if (send(port, id, run)) {
                    unacknowledged.remove(id);
                    acknowledged.add(id);
                }
            }
            awaitAllProcessed(all, Duration.ofSeconds(60));
        } finally {
            last.destroyForcibly().waitFor();
        }

        assertThat(acknowledged).hasSizeGreaterThan(10);
        assertThat(unacknowledged).isEmpty();
        Map<String, Long> messages = ticketMessagesPerMarker(run);
        for (String id : all) {
            assertThat(messages.getOrDefault(id, 0L))
                    .as(() -> "ticket messages for " + id + "; inbound rows: " + inbound(id))
                    .isEqualTo(1L);
        }
    }

    private Process start(int smtpPort) throws IOException {
        String javaBinary =
                Path.of(System.getProperty("java.home"), "bin", "java").toString();
        File log = new File("target/email-crash-child.log");
        // The application as shipped: without test classes, whose fixtures need a test context.
        String classpath = java.util.Arrays.stream(
                        System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes"))
                .collect(java.util.stream.Collectors.joining(File.pathSeparator));
        ProcessBuilder builder = new ProcessBuilder(
                        javaBinary,
                        "-cp",
                        classpath,
                        "org.rapport.Rapport",
                        "serve",
                        "--server.port=0",
                        "--rapport.mail.smtp-port=" + smtpPort,
                        "--rapport.mail.smtp-bind=127.0.0.1",
                        // The test's own context shares the database and may process mail too: one blob store for both.
                        "--rapport.files.directory=" + environment.getProperty("rapport.files.directory"),
                        "--rapport.email.recover-after-seconds=1",
                        "--spring.main.banner-mode=off")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log));
        builder.environment().put("RAPPORT_DB_URL", dataSource.getJdbcUrl());
        builder.environment().put("RAPPORT_DB_USER", dataSource.getUsername());
        builder.environment()
                .put("RAPPORT_DB_PASSWORD", dataSource.getPassword() == null ? "" : dataSource.getPassword());
        builder.environment().put("RAPPORT_DB_POOL_SIZE", "4");
        builder.environment().remove("RAPPORT_BOOTSTRAP_API_TOKEN");
        return builder.start();
    }

    /** One SMTP transaction by hand: true only when the server said 250 to the end of DATA. */
    private static boolean send(int port, String id, String run) {
        String message = "From: crash-" + run + "@example.com\r\nTo: support@rapport.test\r\nSubject: Crash test " + id
                + "\r\nMessage-ID: <" + id + "@crash.example>\r\n\r\nMessage body for " + id + " end\r\n";
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            var in = new java.io.BufferedReader(
                    new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            var out = socket.getOutputStream();
            if (!reply(in).startsWith("220")) {
                return false;
            }
            for (String command : new String[] {
                "HELO test", "MAIL FROM:<crash-" + run + "@example.com>", "RCPT TO:<support@rapport.test>", "DATA"
            }) {
                out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String reply = reply(in);
                if (!(reply.startsWith("250") || reply.startsWith("354"))) {
                    return false;
                }
            }
            out.write((message + ".\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return reply(in).startsWith("250");
        } catch (IOException e) {
            return false;
        }
    }

    private static String reply(java.io.BufferedReader in) throws IOException {
        String line;
        do {
            line = in.readLine();
            if (line == null) {
                throw new IOException("connection closed");
            }
        } while (line.length() > 3 && line.charAt(3) == '-');
        return line;
    }

    private void awaitAllProcessed(List<String> ids, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        String[] keys = ids.stream().map(id -> "mid:" + id + "@crash.example").toArray(String[]::new);
        while (Instant.now().isBefore(deadline)) {
            long done = jdbc.sql("SELECT count(*) FROM email_inbound WHERE dedupe_key = ANY(?) AND state = 'PROCESSED'")
                    .param(keys)
                    .query(Long.class)
                    .single();
            if (done == ids.size()) {
                return;
            }
            Thread.sleep(250);
        }
    }

    private List<Map<String, Object>> inbound(String id) {
        return jdbc.sql(
                        "SELECT id, state, reason, limit_hit, attempts, received_at, processed_at FROM email_inbound WHERE dedupe_key = ?")
                .param("mid:" + id + "@crash.example")
                .query()
                .listOfRows();
    }

    private Map<String, Long> ticketMessagesPerMarker(String run) {
        Map<String, Long> counts = new java.util.HashMap<>();
        jdbc.sql("SELECT substring(body_text FROM 'Message body for ([^ ]+) end') AS id, count(*) FROM ticket_message "
                        + "WHERE body_text LIKE ? GROUP BY 1")
                .param("Message body for " + run + "-%")
                .query(rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                });
        return counts;
    }

    private static void awaitPort(int port, Process child) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(90);
        while (Instant.now().isBefore(deadline) && child.isAlive()) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException(
                "the child Rapport did not open its SMTP port; see target/email-crash-child.log");
    }

    private static void sleepUntil(Instant moment) {
        try {
            Thread.sleep(Math.max(0, Duration.between(Instant.now(), moment).toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
