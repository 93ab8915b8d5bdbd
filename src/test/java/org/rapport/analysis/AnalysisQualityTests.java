package org.rapport.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Precision and recall of the analyser per label on the labelled development set
 * ({@code src/test/resources/analysis/messages.jsonl}). Writes them to docs/analysis-quality.md and fails
 * when one falls below the floor recorded there. Floors are only ever raised by hand.
 */
class AnalysisQualityTests {

    static final Path REPORT = Path.of("docs/analysis-quality.md");
    static final Pattern FLOOR_ROW =
            Pattern.compile("^\\| `([^`]+)` \\| [^|]+\\| [^|]+\\| ([0-9.]+) \\| ([0-9.]+) \\|", Pattern.MULTILINE);

    record Labelled(JsonNode expected, Analysis actual) {}

    record Score(String label, int support, double precision, double recall) {}

    @Test
    void precisionAndRecallStayAboveTheirFloors() throws IOException {
        LexiconEmotionClassifier classifier = new LexiconEmotionClassifier();
        List<Labelled> set = load(classifier, "/analysis/messages.jsonl");
        Map<String, Predicate<JsonNode>> expected = new LinkedHashMap<>();
        Map<String, Predicate<Analysis>> predicted = new LinkedHashMap<>();
        label(
                expected,
                predicted,
                "valence:negative",
                e -> e.get("valence").asString().equals("negative"),
                a -> a.valenceLabel().equals("negative"));
        label(
                expected,
                predicted,
                "valence:positive",
                e -> e.get("valence").asString().equals("positive"),
                a -> a.valenceLabel().equals("positive"));
        label(
                expected,
                predicted,
                "anger:high",
                e -> e.get("anger").asString().equals("high"),
                a -> a.angerLabel().equals("high"));
        label(
                expected,
                predicted,
                "anger:any",
                e -> !e.get("anger").asString().equals("none"),
                a -> !a.angerLabel().equals("none"));
        label(expected, predicted, "worry", e -> e.get("worry").asBoolean(), a -> a.worry() > 0);
        label(expected, predicted, "gratitude", e -> e.get("gratitude").asBoolean(), a -> a.gratitude() > 0);
        label(expected, predicted, "urgency", e -> e.get("urgency").asBoolean(), Analysis::urgent);
        label(
                expected,
                predicted,
                "escalation:any",
                e -> !e.get("escalation").isEmpty(),
                a -> !a.escalation().isEmpty());
        for (String kind : List.of("cancel", "switch", "chargeback", "legal", "public_review", "regulator")) {
            label(
                    expected,
                    predicted,
                    "escalation:" + kind,
                    e -> e.get("escalation").toString().contains("\"" + kind + "\""),
                    a -> a.escalation().contains(kind));
        }
        label(
                expected,
                predicted,
                "abuse:any",
                e -> !e.get("abuse").get("category").asString().equals("none"),
                a -> a.abuse().present());
        for (String kind : List.of("insult", "threat", "harassment", "slur")) {
            label(
                    expected,
                    predicted,
                    "abuse:" + kind,
                    e -> e.get("abuse").get("category").asString().equals(kind),
                    a -> a.abuse().category().equals(kind));
        }

        List<Score> scores = score(set, expected, predicted);
        Map<String, double[]> floors = floors();
        StringBuilder report = new StringBuilder("""
                # Analysis quality

                Precision and recall of `LexiconEmotionClassifier` on the labelled development set
                (`src/test/resources/analysis/messages.jsonl`, %d English messages; label rules in `LABELS.md`
                there), measured by `AnalysisQualityTests` on every build, which rewrites the measured columns.
                The build fails when a measure falls below its floor. Floors are raised by hand as the analyser
                improves and never lowered silently.

                | label | messages | measured P / R | floor P | floor R |
                |---|---:|---|---:|---:|
                """.formatted(set.size()));
        List<String> below = new ArrayList<>();
        for (Score s : scores) {
            double[] floor = floors.getOrDefault(s.label(), new double[] {down(s.precision()), down(s.recall())});
            report.append(String.format(
                    Locale.ROOT,
                    "| `%s` | %d | %.2f / %.2f | %.2f | %.2f |%n",
                    s.label(),
                    s.support(),
                    s.precision(),
                    s.recall(),
                    floor[0],
                    floor[1]));
            if (s.precision() + 1e-9 < floor[0] || s.recall() + 1e-9 < floor[1]) {
                below.add(s.label());
            }
        }
        heldOut(classifier, expected, predicted, report, HELD_OUT, "Held-out set", """
                written without looking at the cue rules and never used to tune them: what to expect on \
                messages the rules have not seen.""");
        heldOut(classifier, expected, predicted, report, SPENT, "First held-out set, spent", """
                the first held-out set. Its misses were read on 2026-11-23 to write more general cues, so it \
                no longer measures unseen text; it stays to show those cases are still caught.""");
        report.append("\nLast measured: ").append(LocalDate.now()).append(".\n");
        Files.writeString(REPORT, report.toString());
        assertThat(below)
                .as("labels below their floor in docs/analysis-quality.md")
                .isEmpty();
    }

    /**
     * The same measures on the held-out set, written without looking at the cue rules and never used to
     * tune them: what to expect on messages the rules have not seen. Reported, with no floors.
     */
    private void heldOut(
            LexiconEmotionClassifier classifier,
            Map<String, Predicate<JsonNode>> expected,
            Map<String, Predicate<Analysis>> predicted,
            StringBuilder report,
            String resource,
            String heading,
            String about)
            throws IOException {
        if (getClass().getResource(resource) == null) {
            return;
        }
        List<Labelled> set = load(classifier, resource);
        LanguageGate gate = new LanguageGate();
        int languages = 0;
        int languagesRight = 0;
        for (String line : lines(resource)) {
            JsonNode node = JSON.readTree(line);
            languages++;
            boolean english = gate.detect(node.get("text").asString()).equals("en");
            languagesRight += english == node.get("lang").asString().equals("en") ? 1 : 0;
        }
        report.append("""

                ## %s

                The same measures on `%s` (%d English messages), %s No floors. English told apart from other \
                languages: %d of %d lines.

                | label | messages | measured P / R |
                |---|---:|---|
                """.formatted(
                        heading,
                        resource.substring(resource.lastIndexOf('/') + 1),
                        set.size(),
                        about,
                        languagesRight,
                        languages));
        for (Score s : score(set, expected, predicted)) {
            report.append(String.format(
                    Locale.ROOT, "| `%s` | %d | %.2f / %.2f |%n", s.label(), s.support(), s.precision(), s.recall()));
        }
    }

    static final String HELD_OUT = "/analysis/heldout-messages.jsonl";
    static final String SPENT = "/analysis/spent-heldout-messages.jsonl";
    static final JsonMapper JSON = JsonMapper.builder().build();

    private List<String> lines(String resource) throws IOException {
        try (InputStream in = getClass().getResourceAsStream(resource)) {
            return java.util.Arrays.stream(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"))
                    .filter(line -> !line.isBlank())
                    .toList();
        }
    }

    /** The English lines of a labelled file, each with what the classifier makes of it. */
    private List<Labelled> load(LexiconEmotionClassifier classifier, String resource) throws IOException {
        List<Labelled> set = new ArrayList<>();
        for (String line : lines(resource)) {
            JsonNode node = JSON.readTree(line);
            if (node.get("lang").asString().equals("en")) {
                set.add(new Labelled(node, classifier.analyse(node.get("text").asString(), "en")));
            }
        }
        return set;
    }

    private static List<Score> score(
            List<Labelled> set, Map<String, Predicate<JsonNode>> expected, Map<String, Predicate<Analysis>> predicted) {
        List<Score> scores = new ArrayList<>();
        for (String label : expected.keySet()) {
            int tp = 0, fp = 0, fn = 0;
            for (Labelled l : set) {
                boolean e = expected.get(label).test(l.expected());
                boolean p = predicted.get(label).test(l.actual());
                tp += e && p ? 1 : 0;
                fp += !e && p ? 1 : 0;
                fn += e && !p ? 1 : 0;
            }
            scores.add(new Score(
                    label,
                    tp + fn,
                    tp + fp == 0 ? 1 : tp / (double) (tp + fp),
                    tp + fn == 0 ? 1 : tp / (double) (tp + fn)));
        }
        return scores;
    }

    private static void label(
            Map<String, Predicate<JsonNode>> expected,
            Map<String, Predicate<Analysis>> predicted,
            String name,
            Predicate<JsonNode> e,
            Predicate<Analysis> p) {
        expected.put(name, e);
        predicted.put(name, p);
    }

    /** The floors recorded in the report, if it exists. */
    private static Map<String, double[]> floors() throws IOException {
        Map<String, double[]> floors = new LinkedHashMap<>();
        if (Files.exists(REPORT)) {
            Matcher m = FLOOR_ROW.matcher(Files.readString(REPORT));
            while (m.find()) {
                floors.put(m.group(1), new double[] {Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3))});
            }
        }
        return floors;
    }

    private static double down(double value) {
        return Math.floor(value * 20) / 20.0;
    }
}
