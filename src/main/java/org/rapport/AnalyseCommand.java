package org.rapport;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.rapport.analysis.LanguageGate;
import org.rapport.analysis.LexiconEmotionClassifier;
import picocli.CommandLine.Command;

@Command(
        name = "analyse",
        description =
                "Analyse texts offline (no server, no database): JSON lines {\"id\":…,\"text\":…[,\"language\":…]}"
                        + " (without a language it is detected; only English is scored)"
                        + " on standard input, one JSON result per line on standard output. A line that cannot be read"
                        + " gets {\"id\":…,\"error\":…}; the exit code is then 2.")
class AnalyseCommand implements Callable<Integer> {

    static final int MAX_TEXT = 100_000;

    @Override
    public Integer call() throws Exception {
        return run(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), System.out);
    }

    static int run(BufferedReader in, PrintStream out) throws Exception {
        LexiconEmotionClassifier classifier = new LexiconEmotionClassifier();
        LanguageGate languages = new LanguageGate();
        return JsonLines.run(in, out, (node, result) -> {
            String text = JsonLines.text(node, "text", true);
            if (text.length() > MAX_TEXT) {
                throw new IllegalArgumentException("text longer than " + MAX_TEXT + " characters");
            }
            String language =
                    node.get("language") != null && node.get("language").isString()
                            ? node.get("language").asString()
                            : languages.detect(text);
            result.put("analysis", classifier.analyse(text, language));
        });
    }
}
