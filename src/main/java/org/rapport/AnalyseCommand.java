package org.rapport;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rapport.analysis.LanguageGate;
import org.rapport.analysis.LexiconEmotionClassifier;
import picocli.CommandLine.Command;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@Command(
        name = "analyse",
        description =
                "Analyse texts offline (no server, no database): JSON lines {\"id\":…,\"text\":…[,\"language\":…]}"
                        + " (without a language it is detected; only English is scored)"
                        + " on standard input, one JSON result per line on standard output. A line that cannot be read"
                        + " gets {\"id\":…,\"error\":…}; the exit code is then 2.")
class AnalyseCommand implements Callable<Integer> {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final int MAX_TEXT = 100_000;

    @Override
    public Integer call() throws Exception {
        return run(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), System.out);
    }

    static int run(BufferedReader in, PrintStream out) throws Exception {
        LexiconEmotionClassifier classifier = new LexiconEmotionClassifier();
        LanguageGate languages = new LanguageGate();
        int exit = 0;
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            Map<String, Object> result = new LinkedHashMap<>();
            try {
                JsonNode node = JSON.readTree(line);
                result.put("id", node.has("id") ? JSON.treeToValue(node.get("id"), Object.class) : null);
                JsonNode text = node.get("text");
                if (text == null || !text.isString()) {
                    throw new IllegalArgumentException("each line needs a \"text\" string");
                }
                if (text.asString().length() > MAX_TEXT) {
                    throw new IllegalArgumentException("text longer than " + MAX_TEXT + " characters");
                }
                JsonNode language = node.get("language");
                result.put(
                        "analysis",
                        classifier.analyse(
                                text.asString(),
                                language == null || !language.isString()
                                        ? languages.detect(text.asString())
                                        : language.asString()));
            } catch (RuntimeException e) {
                result.putIfAbsent("id", null);
                result.put("error", e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
                exit = 2;
            }
            out.println(JSON.writeValueAsString(result));
        }
        out.flush();
        return exit;
    }
}
