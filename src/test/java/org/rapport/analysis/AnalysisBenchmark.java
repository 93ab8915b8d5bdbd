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
 * Throughput of emotion and abuse analysis over the development set's English messages (one message per
 * operation, cycling). Run: see bench/README.md ("Analysis kernel"). Not a unit test.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AnalysisBenchmark {

    private LexiconEmotionClassifier classifier;
    private List<String> texts;
    private int next;

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
    }

    @Benchmark
    public Analysis analyseOneMessage() {
        String text = texts.get(next);
        next = next + 1 == texts.size() ? 0 : next + 1;
        return classifier.analyse(text, "en");
    }
}
