package org.rapport.analysis;

import static org.rapport.analysis.CueKind.count;
import static org.rapport.analysis.CueKind.drop;

import java.util.ArrayList;
import java.util.List;

/**
 * What a cue means depends on where it stands: the rules between cues, and sarcasm, which turns praise
 * negative in a message that complains.
 */
final class CueContext {

    /** The least valence a word needs to read as praise in a clause of its own. */
    private static final double PRAISE = 1.5;

    private static final int PRAISE_CLAUSE = 3;

    private final ValenceScorer scorer;
    private final double[] boosts;
    private final boolean[] interjections;
    private final int urgencyLabel;

    CueContext(Lexicon lexicon, ValenceScorer scorer) {
        this.scorer = scorer;
        boosts = lexicon.boosts;
        interjections = lexicon.interjections;
        urgencyLabel = lexicon.urgencyLabel;
    }

    /**
     * The rules between cues: a negation or quotation marks cancel a cue, reported words are not abuse,
     * set phrases are not thanks, ordinary reasons to leave and intentions given up are no escalation,
     * and a time is urgency only where its sentence asks for something. A dropped cue's kind is null.
     */
    void apply(Tokens tokens, CueMatcher.Hits hits, CueKind[] kind, int[] label) {
        for (int h = 0; h < hits.count; h++) {
            int first = hits.first[h];
            if (first < 0) {
                continue;
            }
            if (kind[h].negatable() && scorer.negated(tokens, first)) {
                kind[h] = null;
            } else if ((tokens.flags[first] & Tokens.QUOTED) != 0) {
                kind[h] = null;
            }
        }
        for (int h = 0; h < hits.count; h++) {
            if (kind[h] == CueKind.ABUSE
                    && hits.first[h] >= 0
                    && follows(hits, kind, CueKind.REPORTED, hits.first[h], 1)) {
                kind[h] = null;
            } else if ((kind[h] == CueKind.ESCALATION || kind[h] == CueKind.LEAVING)
                    && follows(hits, kind, CueKind.ABANDONED, hits.first[h], 3)) {
                kind[h] = null;
            } else if (kind[h] == CueKind.GRATITUDE && overlaps(hits, kind, CueKind.FORMULA, h)) {
                kind[h] = null;
            }
        }
        if (count(kind, CueKind.ROUTINE) > 0
                && count(kind, CueKind.ANGER, CueKind.STRONG_ANGER, CueKind.PROFANITY) == 0) {
            drop(kind, CueKind.LEAVING);
        }
        if (count(kind, CueKind.DEADLINE) > 0 && urgencyLabel >= 0) {
            boolean[] asks = asking(tokens, hits, kind);
            for (int h = 0; h < hits.count; h++) {
                if (kind[h] == CueKind.DEADLINE && asks[hits.first[h]]) {
                    kind[h] = CueKind.URGENCY;
                    label[h] = urgencyLabel;
                }
            }
        }
    }

    /** A cue of {@code context} ends at most {@code words} words before token {@code first}. */
    private static boolean follows(CueMatcher.Hits hits, CueKind[] kind, CueKind context, int first, int words) {
        for (int h = 0; h < hits.count; h++) {
            if (kind[h] == context && hits.last[h] <= first && first - hits.last[h] <= words) {
                return true;
            }
        }
        return false;
    }

    private static boolean overlaps(CueMatcher.Hits hits, CueKind[] kind, CueKind context, int cue) {
        for (int h = 0; h < hits.count; h++) {
            if (kind[h] == context && hits.from[h] < hits.to[cue] && hits.from[cue] < hits.to[h]) {
                return true;
            }
        }
        return false;
    }

    /** By token: whether its sentence has a request cue. */
    private static boolean[] asking(Tokens tokens, CueMatcher.Hits hits, CueKind[] kind) {
        boolean[] asks = new boolean[tokens.count];
        for (int h = 0; h < hits.count; h++) {
            if (kind[h] == CueKind.REQUEST) {
                asks[hits.first[h]] = true;
            }
        }
        // Spread each sentence's request over the whole sentence, forwards and then backwards.
        for (int i = 1; i < tokens.count; i++) {
            asks[i] |= asks[i - 1] && (tokens.flags[i] & Tokens.SENTENCE) == 0;
        }
        for (int i = tokens.count - 2; i >= 0; i--) {
            asks[i] |= asks[i + 1] && (tokens.flags[i + 1] & Tokens.SENTENCE) == 0;
        }
        return asks;
    }

    /**
     * Sarcasm: a phrase that is always sarcastic ("thanks for nothing"), and in a message that complains
     * also praise phrases ("oh great") and clauses of nothing but praise ("Lovely.", "Great, another week
     * without internet"). Returns the token spans, in text order, whose praise turns negative.
     */
    List<int[]> sarcasm(Tokens tokens, CueMatcher.Hits hits, CueKind[] kind, double[] scores, boolean complaint) {
        List<int[]> spans = new ArrayList<>();
        for (int h = 0; h < hits.count; h++) {
            if ((kind[h] == CueKind.SARCASM || (complaint && kind[h] == CueKind.PRAISE)) && hits.first[h] >= 0) {
                spans.add(new int[] {hits.first[h], hits.last[h]});
            }
        }
        if (!complaint) {
            return spans;
        }
        int n = tokens.count;
        for (int start = 0; start < n; ) {
            int end = start + 1;
            while (end < n && (tokens.flags[end] & Tokens.CLAUSE) == 0) {
                end++;
            }
            // A word of praise alone on its line is a greeting or a sign-off: "Best,".
            if (end - start <= PRAISE_CLAUSE
                    && (tokens.flags[start] & Tokens.LINE_START) == 0
                    && praiseOnly(tokens, hits, kind, scores, start, end)) {
                spans.add(new int[] {start, end});
            }
            start = end;
        }
        spans.sort((x, y) -> Integer.compare(x[0], y[0]));
        return spans;
    }

    private boolean praiseOnly(
            Tokens tokens, CueMatcher.Hits hits, CueKind[] kind, double[] scores, int start, int end) {
        boolean praise = false;
        for (int i = start; i < end; i++) {
            int word = tokens.id[i];
            if (scores[i] > 0
                    && scorer.base(tokens, hits, kind, i) >= PRAISE
                    && !covered(hits, kind, CueKind.GRATITUDE, i)) {
                praise = true;
            } else if (word < 0 || !(interjections[word] || boosts[word] > 0)) {
                return false;
            }
        }
        return praise;
    }

    private static boolean covered(CueMatcher.Hits hits, CueKind[] kind, CueKind of, int token) {
        for (int h = 0; h < hits.count; h++) {
            if (kind[h] == of && hits.first[h] <= token && token < hits.last[h]) {
                return true;
            }
        }
        return false;
    }
}
