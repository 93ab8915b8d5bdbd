package org.rapport.guidance;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
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
import org.openjdk.jmh.infra.Blackhole;
import org.rapport.analysis.LexiconEmotionClassifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Latency of checking one long reply draft (at least 2,000 characters, built by joining drafts of the development
 * set) against its customer message, assessment and policy, and of extracting its promises; cycling through such
 * drafts. The target is 5 ms at p99 per draft. Sample time in microseconds, so JMH reports the percentiles. Run
 * like {@code AnalysisBenchmark} (bench/README.md) with {@code org.openjdk.jmh.Main GuidanceBenchmark}. Not a
 * unit test.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class GuidanceBenchmark {

    /** One long draft with the context a check gets in the product. */
    record Case(String draft, String customer, Assessment assessment, PolicyLimits limits) {}

    private ReplyChecker checker;
    private PromiseExtractor extractor;
    private List<Case> cases;
    private int next;

    @Setup
    public void load() throws IOException {
        checker = new ReplyChecker(new LexiconEmotionClassifier());
        extractor = new PromiseExtractor();
        List<JsonNode> drafts = new ArrayList<>();
        JsonMapper json = JsonMapper.builder().build();
        try (InputStream in = GuidanceBenchmark.class.getResourceAsStream("/analysis/drafts.jsonl")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    drafts.add(json.readTree(line));
                }
            }
        }
        cases = new ArrayList<>();
        // Every draft of the set starts one long draft, so each case differs and all phrasings are exercised.
        for (int first = 0; first < drafts.size(); first++) {
            JsonNode lead = drafts.get(first);
            StringBuilder text = new StringBuilder();
            for (int i = first; text.length() < 2000; i = (i + 1) % drafts.size()) {
                text.append(drafts.get(i).get("draft").asString()).append("\n\n");
            }
            cases.add(new Case(
                    text.toString(),
                    lead.get("customer").asString(),
                    Assessment.parse(lead.get("assessment").asString()),
                    limits(lead.get("policy"))));
        }
    }

    @Benchmark
    public void checkAndExtractOneLongDraft(Blackhole hole) {
        Case c = cases.get(next);
        next = next + 1 == cases.size() ? 0 : next + 1;
        hole.consume(checker.check(c.draft(), c.customer(), c.assessment(), c.limits()));
        hole.consume(extractor.extract(c.draft()));
    }

    @Benchmark
    public List<Finding> checkOneLongDraft() {
        Case c = cases.get(next);
        next = next + 1 == cases.size() ? 0 : next + 1;
        return checker.check(c.draft(), c.customer(), c.assessment(), c.limits());
    }

    @Benchmark
    public List<Promise> extractPromisesFromOneLongDraft() {
        Case c = cases.get(next);
        next = next + 1 == cases.size() ? 0 : next + 1;
        return extractor.extract(c.draft());
    }

    private static PolicyLimits limits(JsonNode policy) {
        if (policy == null || policy.isNull()) {
            return PolicyLimits.NONE;
        }
        Set<String> remedies = new LinkedHashSet<>();
        policy.get("remedies").forEach(r -> remedies.add(r.asString()));
        return new PolicyLimits(
                new BigDecimal(policy.get("refund_max").asString()),
                policy.get("refund_days").asInt(),
                remedies,
                new BigDecimal(policy.get("supervisor_above").asString()));
    }
}
