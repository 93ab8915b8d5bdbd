package org.rapport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AnalyseCommandTests {

    @Test
    void analysesJsonLinesAndAnswersEveryLineEvenBrokenOnes() throws Exception {
        String input = """
                {"id": 1, "text": "Third time I write: cancel my contract today or I go to my lawyer."}
                {"id": "b", "text": "Thank you so much, that was quick!"}
                not json at all
                {"id": 3}
                {"id": 4, "text": "Ich warte seit drei Wochen auf meine Bestellung und niemand antwortet mir."}
                """;
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exit = AnalyseCommand.run(
                new BufferedReader(new StringReader(input)), new PrintStream(output, true, StandardCharsets.UTF_8));
        String[] lines = output.toString(StandardCharsets.UTF_8).strip().split("\n");
        assertThat(lines).hasSize(5);
        assertThat(lines[0])
                .contains("\"id\":1")
                .contains("\"urgent\":true")
                .contains("legal")
                .contains("cancel");
        assertThat(lines[1]).contains("\"id\":\"b\"").contains("\"valenceLabel\":\"positive\"");
        assertThat(lines[2]).contains("\"error\"");
        assertThat(lines[3]).contains("\"id\":3").contains("needs a \\\"text\\\"");
        // No language given: detected, and German is not scored with the English lexicons.
        assertThat(lines[4]).contains("\"analysed\":false").contains("\"language\":\"de\"");
        assertThat(exit).isEqualTo(2);
    }
}
