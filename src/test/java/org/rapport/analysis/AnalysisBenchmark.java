package org.rapport.analysis;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.json.JsonMapper;

/**
 * Throughput of emotion and abuse analysis, one message per operation, cycling: the development set's
 * English messages as they are (about 106 characters), and the same messages run together into ones of
 * at least 500 characters, the length the throughput target is set for. Run: see bench/README.md
 * ("Analysis kernel"). Not a unit test.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AnalysisBenchmark {

    /** The length the target of 20,000 messages per second on one core is set for. */
    static final int LONG = 500;

    private LexiconEmotionClassifier classifier;
    private List<String> texts;
    private List<String> longTexts;
    private int next;
    private int nextLong;

    @Setup
    public void load() throws IOException {
        classifier = new LexiconEmotionClassifier();
        texts = new ArrayList<>();
        JsonMapper json = JsonMapper.builder().build();
        try (InputStream in = AnalysisBenchmark.class.getResourceAsStream("/analysis/messages.jsonl")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()
                        && json.readTree(line).get("lang").asString().equals("en")) {
                    texts.add(json.readTree(line).get("text").asString());
                }
            }
        }
        longTexts = atLeast(texts, LONG);
    }

    /**
     * From each message on, the messages that follow it joined by spaces until there are {@code length}
     * characters, cut at the first word boundary from there.
     */
    static List<String> atLeast(List<String> texts, int length) {
        List<String> joined = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            StringBuilder text = new StringBuilder();
            for (int j = i; text.length() < length; j = (j + 1) % texts.size()) {
                if (!text.isEmpty()) {
                    text.append(' ');
                }
                text.append(texts.get(j));
            }
            int cut = length;
            while (cut < text.length() && !Character.isWhitespace(text.charAt(cut))) {
                cut++;
            }
            joined.add(text.substring(0, cut));
        }
        return joined;
    }

    @Benchmark
    public Analysis analyseOneMessage() {
        String text = texts.get(next);
        next = next + 1 == texts.size() ? 0 : next + 1;
        return classifier.analyse(text, "en");
    }

    @Benchmark
    public Analysis analyseOneMessageOf500Characters() {
        String text = longTexts.get(nextLong);
        nextLong = nextLong + 1 == longTexts.size() ? 0 : nextLong + 1;
        return classifier.analyse(text, "en");
    }
}
