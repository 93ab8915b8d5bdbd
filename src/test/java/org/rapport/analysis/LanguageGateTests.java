package org.rapport.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Only English is scored as English: on the labelled set no other language gets through. */
class LanguageGateTests {

    static final LanguageGate GATE = new LanguageGate();

    @Test
    void theDevelopmentSetsLanguagesAreToldApart() throws IOException {
        List<String> wrong = new ArrayList<>();
        int english = 0;
        int other = 0;
        JsonMapper json = JsonMapper.builder().build();
        try (InputStream in = getClass().getResourceAsStream("/analysis/messages.jsonl")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node = json.readTree(line);
                String expected = node.get("lang").asString();
                String found = GATE.detect(node.get("text").asString());
                if (expected.equals("en")) {
                    english++;
                } else {
                    other++;
                }
                if (expected.equals("en") != found.equals("en")) {
                    wrong.add(expected + " read as " + found + ": "
                            + node.get("text").asString());
                }
            }
        }
        assertThat(english).isGreaterThan(300);
        assertThat(other).isGreaterThan(20);
        assertThat(wrong).isEmpty();
    }

    @Test
    void shortAndEmptyTextIsHandledWithoutTheModel() {
        assertThat(GATE.detect(null)).isEqualTo(LanguageGate.UNDETERMINED);
        assertThat(GATE.detect("")).isEqualTo(LanguageGate.UNDETERMINED);
        assertThat(GATE.detect("!!! ???")).isEqualTo(LanguageGate.UNDETERMINED);
        assertThat(GATE.detect("Thanks!")).isEqualTo("en");
        assertThat(GATE.detect("спасибо")).isEqualTo(LanguageGate.UNDETERMINED);
        assertThat(GATE.detect("Bonjour, ma commande n'est jamais arrivée et personne ne répond à mes courriels."))
                .isEqualTo("fr");
        assertThat(GATE.detect("Mijn pakket is beschadigd aangekomen, kunnen jullie een nieuwe sturen?"))
                .isEqualTo("nl");
    }

    @Test
    void aLongMessageIsJudgedByItsOpening() {
        String german = "Sehr geehrte Damen und Herren, meine Bestellung ist nicht angekommen und niemand antwortet. ";
        String english = "Please have a look at the order, it has not arrived and nobody answers my emails. ";
        assertThat(GATE.detect(german.repeat(12) + english.repeat(500))).isEqualTo("de");
        assertThat(GATE.detect(english.repeat(12) + german.repeat(500))).isEqualTo("en");
    }
}
