package org.rapport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Commands that work on the database without a web server: mail import, admin tasks. */
@RapportTest // keeps the test database (and its first admin) alive while the commands' own contexts come and go
class DatabaseCommandsTests {

    @Test
    void importsEmlAndMboxFilesOnceEachAndReportsWhatHappened(@TempDir Path dir) throws Exception {
        String id = java.util.UUID.randomUUID().toString();
        String message = "From: Kai <kai-" + id + "@example.com>\r\nTo: support@rapport.test\r\nSubject: Old mail\r\n"
                + "Message-ID: <" + id + "@example.com>\r\n\r\nOut of the archive.\r\n";
        Path eml = Files.writeString(dir.resolve("one.eml"), message);
        String other = "From: Lea <lea-" + id + "@example.com>\r\nSubject: Second\r\nMessage-ID: <2-" + id
                + "@example.com>\r\n\r\nAnother one.\r\n";
        Path mbox = Files.writeString(
                dir.resolve("archive.mbox"),
                "From kai@example.com Mon Nov 23 10:00:00 2026\n" + message.replace("\r\n", "\n") + "\n"
                        + "From lea@example.com Mon Nov 23 10:01:00 2026\n" + other.replace("\r\n", "\n") + "\n"
                        + "From x@example.com Mon Nov 23 10:02:00 2026\nnot a message at all, no headers\n");
        Path missing = dir.resolve("missing.eml");

        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int exit;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            exit = new CommandLine(new Rapport())
                    .execute("mail", "import", eml.toString(), mbox.toString(), missing.toString());
        } finally {
            System.setOut(original);
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        assertThat(output).contains("one.eml: 1 messages, 1 taken in, 0 already there, 0 quarantined");
        assertThat(output).contains("archive.mbox: 3 messages, 1 taken in, 1 already there, 1 quarantined");
        assertThat(output).contains("missing.eml: cannot read it");
        assertThat(exit).isEqualTo(2);
    }

    @Test
    void adminTasksRunWithoutAServer() {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int token;
        int password;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            token = new CommandLine(new Rapport())
                    .execute(
                            "admin",
                            "create-token",
                            "--email",
                            "admin@rapport.test",
                            "--name",
                            "cli-" + System.nanoTime());
            password = new CommandLine(new Rapport())
                    .execute(
                            "admin",
                            "reset-password",
                            "--email",
                            "admin@rapport.test",
                            "--password",
                            "correct-horse-battery-staple");
        } finally {
            System.setOut(original);
        }
        assertThat(token).isZero();
        assertThat(password).isZero();
        assertThat(captured.toString(StandardCharsets.UTF_8)).contains("New password for admin@rapport.test");
    }
}
