package org.rapport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GuidanceCommandTests {

    @Test
    void checksDraftsFromJsonLinesAndAnswersEveryLineEvenBrokenOnes() throws Exception {
        String input = """
                {"id": 1, "draft": "We guarantee this will never happen again. I'll call you tomorrow.", "customer": "My order never arrived and I am furious!", "assessment": "undetermined", "sent_at": "2026-11-23T10:00:00Z"}
                {"id": 2, "draft": "I have refunded 500 euros to your card.", "policy": {"refund_max": 50, "refund_days": 30, "remedies": ["refund"], "supervisor_above": 100}}
                not json
                {"id": 4, "draft": "ok", "assessment": "maybe"}
                {"id": 5, "draft": "ok", "policy": {"refund_max": "lots"}}
                """;
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exit = GuidanceCommand.Check.run(
                new BufferedReader(new StringReader(input)), new PrintStream(output, true, StandardCharsets.UTF_8));
        String[] lines = output.toString(StandardCharsets.UTF_8).strip().split("\n");
        assertThat(lines).hasSize(5);
        assertThat(lines[0])
                .contains("\"id\":1")
                .contains("absolute_guarantee")
                .contains("\"kind\":\"callback\"")
                .contains("\"dueAt\":\"2026-11-24T");
        assertThat(lines[1]).contains("\"id\":2").contains("promise_beyond_policy");
        assertThat(lines[2]).contains("\"error\"");
        assertThat(lines[3]).contains("\"id\":4").contains("\"error\"");
        assertThat(lines[4]).contains("\"id\":5").contains("\"error\"");
        assertThat(exit).isEqualTo(2);
    }
}
