package org.rapport.analysis;

import static org.rapport.analysis.CueKind.count;
import static org.rapport.analysis.CueKind.drop;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A lexicon-and-rules scorer in the VADER family, written for complaints: valence from the general VADER
 * lexicon (negation, boosters, "but" shifts, capitals, exclamation marks) corrected by a small domain
 * lexicon, and our own customer-service cues (anger, worry, gratitude, urgency, escalation, abuse at
 * people, sarcasm) as phrases with their spans, all in {@code analysis/cues.tsv}. Thread-safe and
 * allocation-light: built once, used for every message. A message is cut into tokens in one pass and
 * everything after that goes by word id: lexicon lookups are array reads and all cue phrases one trie.
 *
 * <p>The parts: {@link Lexicon} holds the word tables and cues, {@link ValenceScorer} scores words,
 * {@link CueContext} applies the rules between cues, and {@link CueReport} turns what is left into anger,
 * abuse and the cues to report. This class runs them in order for each message.
 */
public final class LexiconEmotionClassifier {

    private final Vocabulary vocabulary;
    private final CueMatcher cues;
    /** By cue label id. */
    private final CueKind[] kinds;

    private final ValenceScorer scorer;
    private final CueContext context;
    private final CueReport report;

    public LexiconEmotionClassifier() {
        Lexicon lexicon = new Lexicon();
        vocabulary = lexicon.vocabulary;
        cues = lexicon.cues;
        kinds = lexicon.kinds;
        scorer = new ValenceScorer(lexicon);
        context = new CueContext(lexicon, scorer);
        report = new CueReport(lexicon);
    }

    /** The analysis of one message; {@code language} is what a detector said (null: assume English). */
    public Analysis analyse(String text, String language) {
        String body = text == null ? "" : text;
        if (language != null && !language.equalsIgnoreCase("en")) {
            return Analysis.notAnalysed(language);
        }
        Tokens tokens = Tokens.of(body, vocabulary);
        CueMatcher.Hits hits = cues.match(tokens);
        CueKind[] kind = new CueKind[hits.count];
        for (int h = 0; h < hits.count; h++) {
            kind[h] = kinds[hits.label[h]];
        }
        int[] label = hits.label.clone();
        context.apply(tokens, hits, kind, label);

        double[] scores = scorer.scores(tokens, hits, kind);
        // Complaint evidence, without swearing: swearing alone may be joy ("Damn, that was quick!").
        boolean complaint = count(
                                kind,
                                CueKind.ANGER,
                                CueKind.STRONG_ANGER,
                                CueKind.ABUSE,
                                CueKind.ESCALATION,
                                CueKind.LEAVING,
                                CueKind.COMPLAINT,
                                CueKind.SARCASM)
                        > 0
                || ValenceScorer.negativeSum(tokens, hits, kind, scores) <= -2;
        if (!complaint && count(kind, CueKind.GRATITUDE) > 0) {
            ValenceScorer.silence(hits, kind, scores, CueKind.PROFANITY);
        }
        complaint |= count(kind, CueKind.PROFANITY) > 0;
        List<int[]> sarcasm = context.sarcasm(tokens, hits, kind, scores, complaint);
        if (!sarcasm.isEmpty()) {
            drop(kind, CueKind.GRATITUDE);
            for (int[] span : sarcasm) {
                for (int i = span[0]; i < span[1]; i++) {
                    scores[i] = -Math.abs(scores[i]);
                }
            }
        }
        if (count(kind, CueKind.GRATITUDE, CueKind.RESOLVED) > 0) {
            // Worry in a thankful message is worry that is over: "I was panicking, thank you".
            drop(kind, CueKind.WORRY);
        }

        double valence = scorer.compound(tokens, scores);
        boolean positive = valence > 0.3 && !complaint;
        double anger = report.anger(hits, kind, tokens, valence, positive, !sarcasm.isEmpty());
        // A complaint's words are often neutral ("still nothing", "third time"): its cues weigh in too.
        valence = Math.clamp(
                valence
                        - 0.5 * anger
                        - 0.1 * count(kind, CueKind.URGENCY)
                        - (count(kind, CueKind.ABUSE) > 0 ? 0.4 : 0)
                        - 0.1 * Math.min(3, count(kind, CueKind.COMPLAINT)),
                -1,
                1);
        double worry = Math.min(1, 0.5 * count(kind, CueKind.WORRY));
        int thanks = count(kind, CueKind.GRATITUDE);
        double gratitude = thanks > 0 && valence > -0.5 ? Math.min(1, 0.6 * thanks) : 0;

        List<Cue> found = report.findings(body, tokens, hits, kind, label, sarcasm);
        Set<String> escalation = new LinkedHashSet<>();
        for (Cue cue : found) {
            if (cue.label().startsWith("escalation:")) {
                escalation.add(cue.label().substring("escalation:".length()));
            }
        }
        return new Analysis(
                true,
                "en",
                round(valence),
                valence >= 0.05 ? "positive" : valence <= -0.05 ? "negative" : "neutral",
                round(anger),
                anger >= 0.45 ? "high" : anger >= 0.2 ? "low" : "none",
                round(worry),
                round(gratitude),
                count(kind, CueKind.URGENCY) > 0,
                List.copyOf(escalation),
                CueReport.abuse(found, count(kind, CueKind.TARGET_STAFF) > 0),
                List.copyOf(found));
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
