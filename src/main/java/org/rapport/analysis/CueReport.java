package org.rapport.analysis;

import static org.rapport.analysis.CueKind.count;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** What the cues left standing amount to: the anger they show, the cues to report, and the abuse among them. */
final class CueReport {

    private final CueMatcher cues;
    private final int sarcasmLabel;

    CueReport(Lexicon lexicon) {
        cues = lexicon.cues;
        sarcasmLabel = lexicon.sarcasmLabel;
    }

    /**
     * Anger from its cues, from sarcasm, from a clearly negative message, and from shouting (capitals,
     * "!!", "?!") unless the message is happy: "THANK YOU!!!" is not anger.
     */
    double anger(
            CueMatcher.Hits hits, CueKind[] kind, Tokens tokens, double valence, boolean positive, boolean sarcastic) {
        int insults = 0;
        int harassment = 0;
        for (int h = 0; h < hits.count; h++) {
            if (kind[h] == CueKind.ABUSE) {
                if (cues.labelName(hits.label[h]).equals("abuse:harassment")) {
                    harassment++;
                } else {
                    insults++;
                }
            }
        }
        int profanity = count(kind, CueKind.PROFANITY);
        // Several cues of one sort say more than one, but not as much again: "switching A, switching B".
        double anger = 0.35 * count(kind, CueKind.ANGER)
                + 0.6 * count(kind, CueKind.STRONG_ANGER)
                + (profanity > 0 ? 0.4 + 0.1 * profanity : 0)
                + escalation(kind)
                + (insults > 0 ? 0.4 + 0.1 * insults : 0)
                + (harassment > 0 ? 0.2 : 0)
                + (sarcastic ? 0.2 : 0);
        if (valence < -0.5) {
            anger += 0.25;
        }
        if (!positive) {
            if (tokens.stackedMarks) {
                anger += 0.15;
            }
            int capsWords = 0;
            boolean lower = false;
            for (int i = 0; i < tokens.count; i++) {
                int flags = tokens.flags[i];
                lower |= (flags & Tokens.HAS_LOWER) != 0;
                if ((flags & Tokens.CAPS_WORD) != 0 && (flags & Tokens.QUOTED) == 0) {
                    capsWords++;
                }
            }
            // All capitals is a way of typing; capitals among small letters are raised voice.
            if (lower && capsWords > 0) {
                anger += capsWords >= 2 ? 0.35 : 0.25;
            }
        }
        return Math.min(1, anger);
    }

    /**
     * Threatening a lawyer, a chargeback, a review or a regulator is anger unless it is put formally
     * ("Kindly note that ..."); leaving is milder.
     */
    private static double escalation(CueKind[] kind) {
        int threats = count(kind, CueKind.ESCALATION);
        int leaving = count(kind, CueKind.LEAVING);
        double anger = (threats > 0 ? 0.4 + 0.05 * Math.min(2, threats - 1) : 0) + (leaving > 0 ? 0.25 : 0);
        return count(kind, CueKind.POLITE, CueKind.FORMULA) > 0 ? anger / 2 : anger;
    }

    /** The cues to report, in text order. */
    List<Cue> findings(
            String body, Tokens tokens, CueMatcher.Hits hits, CueKind[] kind, int[] label, List<int[]> sarcasm) {
        int capacity = hits.count + sarcasm.size();
        int[] labels = new int[capacity];
        int[] starts = new int[capacity];
        int[] ends = new int[capacity];
        int n = 0;
        for (int h = 0; h < hits.count; h++) {
            if (kind[h] != null && kind[h].finding() && kind[h] != CueKind.SARCASM) {
                labels[n] = label[h];
                starts[n] = hits.from[h];
                ends[n++] = hits.to[h];
            }
        }
        int previousEnd = -1;
        for (int[] span : sarcasm) {
            int from = tokens.start[span[0]];
            if (sarcasmLabel >= 0 && from >= previousEnd) {
                labels[n] = sarcasmLabel;
                starts[n] = from;
                ends[n++] = previousEnd = tokens.end[span[1] - 1];
            }
        }
        // By start, then in the order found: the position in the high half, the index in the low one.
        long[] order = new long[n];
        for (int i = 0; i < n; i++) {
            order[i] = ((long) starts[i] << 32) | i;
        }
        Arrays.sort(order);
        List<Cue> found = new ArrayList<>(n);
        for (long o : order) {
            int i = (int) o;
            found.add(new Cue(
                    cues.labelName(labels[i]), new Span(starts[i], ends[i], body.substring(starts[i], ends[i]))));
        }
        return found;
    }

    static Analysis.Abuse abuse(List<Cue> found, boolean atStaff) {
        for (String category : List.of("slur", "threat", "harassment", "insult")) {
            int n = 0;
            for (Cue cue : found) {
                n += cue.label().equals("abuse:" + category) ? 1 : 0;
            }
            if (n > 0) {
                String severity = category.equals("insult") && n < 2 ? "low" : "high";
                return new Analysis.Abuse(category, severity, atStaff ? "staff" : "agent");
            }
        }
        return Analysis.Abuse.NONE;
    }
}
