package org.rapport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line, for the commands that need no database (and must not start one). */
class RapportCommandTests {

    @Test
    void configPrintsSettingsWithoutStartingADatabase() {
        var out = new java.io.ByteArrayOutputStream();
        var previous = System.out;
        System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            int exit = new CommandLine(new Rapport()).execute("config");
            assertThat(exit).isZero();
        } finally {
            System.setOut(previous);
        }
        String printed = out.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(printed)
                .contains("RAPPORT_DATA_DIR", "RAPPORT_DB_URL", "SERVER_PORT", "RAPPORT_BOOTSTRAP_API_TOKEN");
        assertThat(printed).doesNotContain("PostgreSQL 18 started");
    }

    @Test
    void helpListsTheSubcommands() {
        StringWriter out = new StringWriter();
        CommandLine command = new CommandLine(new Rapport());
        command.setOut(new PrintWriter(out));

        int exit = command.execute("--help");

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("serve", "admin", "db", "config", "--demo");
    }

    @Test
    void unknownSubcommandIsAUsageError() {
        CommandLine command = new CommandLine(new Rapport());
        command.setErr(new PrintWriter(new StringWriter()));

        assertThat(command.execute("admin", "frobnicate")).isEqualTo(2);
    }
}
