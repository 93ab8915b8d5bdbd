package org.rapport.analysis;

import java.util.Arrays;

/**
 * Word valence the VADER way: the lexicon's valence (or a cue phrase's), raised by capitals and boosters,
 * turned by a negation, then summed into the compound score with the "but" shift and exclamation marks.
 * Also the negation test the cue rules share, so that a cue and a word are negated alike.
 */
final class ValenceScorer {

    private static final double NEGATION_FACTOR = -0.74;
    /** "not bad" is faint praise, "not angry" no praise at all: a negated negative word counts less. */
    private static final double NEGATED_NEGATIVE_FACTOR = -0.3;

    private static final double CAPS_BOOST = 0.733;

    private final double[] valences;
    private final double[] boosts;
    private final boolean[] negations;
    private final boolean[] negationGaps;
    private final boolean[] contrasts;
    private final double[] phraseValences;

    ValenceScorer(Lexicon lexicon) {
        valences = lexicon.valences;
        boosts = lexicon.boosts;
        negations = lexicon.negations;
        negationGaps = lexicon.negationGaps;
        contrasts = lexicon.contrasts;
        phraseValences = lexicon.phraseValences;
    }

    /**
     * Whether a negation stands just before token {@code first}, or before a booster or gap word there:
     * "not really worried".
     */
    boolean negated(Tokens tokens, int first) {
        if (first == 0 || (tokens.flags[first] & Tokens.CLAUSE) != 0) {
            return false;
        }
        int before = first - 1;
        if (negation(tokens, before)) {
            return true;
        }
        int word = tokens.id[before];
        return before > 0
                && (tokens.flags[before] & Tokens.CLAUSE) == 0
                && word >= 0
                && (negationGaps[word] || boosts[word] != 0)
                && negation(tokens, before - 1);
    }

    private boolean negation(Tokens tokens, int i) {
        int word = tokens.id[i];
        return (tokens.flags[i] & Tokens.NOT) != 0 || (word >= 0 && negations[word]);
    }

    /**
     * Each token's valence as VADER scores it (lexicon, or our phrase valence; capitals, boosters and a
     * negation in the three words before), 0 for words without one and for quoted words.
     */
    double[] scores(Tokens tokens, CueMatcher.Hits hits, CueKind[] kind) {
        int n = tokens.count;
        int[] ids = tokens.id;
        int[] flags = tokens.flags;
        double[] scores = new double[n];
        double[] phrase = null;
        for (int h = 0; h < hits.count; h++) {
            if (kind[h] == CueKind.VALENCE || kind[h] == CueKind.FORMULA) {
                if (phrase == null) {
                    phrase = new double[n];
                    Arrays.fill(phrase, Double.NaN);
                }
                // Set phrases ("kind regards", "I would appreciate it if") are politeness, not praise.
                phrase[hits.first[h]] = kind[h] == CueKind.FORMULA ? 0 : phraseValences[hits.label[h]];
                for (int i = hits.first[h] + 1; i < hits.last[h]; i++) {
                    phrase[i] = 0;
                }
            }
        }
        boolean shouting = true;
        boolean lettered = false;
        for (int i = 0; i < n; i++) {
            if ((flags[i] & (Tokens.HAS_UPPER | Tokens.HAS_LOWER)) != 0) {
                lettered = true;
                shouting &= (flags[i] & Tokens.HAS_LOWER) == 0;
            }
        }
        shouting &= lettered;
        for (int i = 0; i < n; i++) {
            int word = ids[i];
            double v = phrase != null && !Double.isNaN(phrase[i]) ? phrase[i] : word >= 0 ? valences[word] : Double.NaN;
            if (Double.isNaN(v) || v == 0 || (flags[i] & Tokens.QUOTED) != 0) {
                continue;
            }
            if (!shouting
                    && tokens.length(i) > 1
                    && (flags[i] & (Tokens.HAS_UPPER | Tokens.HAS_LOWER)) == Tokens.HAS_UPPER) {
                v += Math.signum(v) * CAPS_BOOST;
            }
            // Boosters and negations reach three words back, within the clause: "It doesn't work. Shame."
            int reach = 0;
            while (reach < 3 && i - reach > 0 && (flags[i - reach] & Tokens.CLAUSE) == 0) {
                reach++;
            }
            for (int back = 1; back <= reach; back++) {
                int previous = ids[i - back];
                if (previous >= 0 && boosts[previous] != 0) {
                    v += Math.signum(v) * boosts[previous] * (back == 1 ? 1 : back == 2 ? 0.95 : 0.9);
                }
            }
            for (int back = 1; back <= reach; back++) {
                if (negation(tokens, i - back)) {
                    v *= v > 0 ? NEGATION_FACTOR : NEGATED_NEGATIVE_FACTOR;
                    break;
                }
            }
            scores[i] = v;
        }
        return scores;
    }

    /** The negative valence of the message's words, swearing aside. */
    static double negativeSum(Tokens tokens, CueMatcher.Hits hits, CueKind[] kind, double[] scores) {
        double sum = 0;
        for (double s : scores) {
            sum += Math.min(0, s);
        }
        for (int h = 0; h < hits.count; h++) {
            if (kind[h] == CueKind.PROFANITY) {
                for (int i = Math.max(0, hits.first[h]); i < hits.last[h]; i++) {
                    sum -= Math.min(0, scores[i]);
                }
            }
        }
        return sum;
    }

    /** Drops the cues of {@code dropped} and the valence of their words. */
    static void silence(CueMatcher.Hits hits, CueKind[] kind, double[] scores, CueKind dropped) {
        for (int h = 0; h < hits.count; h++) {
            if (kind[h] == dropped) {
                for (int i = Math.max(0, hits.first[h]); i < hits.last[h]; i++) {
                    scores[i] = 0;
                }
                kind[h] = null;
            }
        }
    }

    /** A word's valence before capitals, boosters and negation: our phrase valence, or VADER's. */
    double base(Tokens tokens, CueMatcher.Hits hits, CueKind[] kind, int token) {
        for (int h = 0; h < hits.count; h++) {
            if (kind[h] == CueKind.VALENCE && hits.first[h] <= token && token < hits.last[h]) {
                return hits.first[h] == token ? phraseValences[hits.label[h]] : 0;
            }
        }
        int word = tokens.id[token];
        return word >= 0 && !Double.isNaN(valences[word]) ? valences[word] : 0;
    }

    /** VADER's compound score: the sum of the words' valences, "but" shifts and "!", normalised to −1…1. */
    double compound(Tokens tokens, double[] scores) {
        int but = -1;
        for (int i = 0; i < tokens.count; i++) {
            int word = tokens.id[i];
            if (word >= 0 && contrasts[word]) {
                but = i;
            }
        }
        double sum = 0;
        for (int i = 0; i < scores.length; i++) {
            // Before "but" counts half, after it one and a half.
            sum += but < 0 ? scores[i] : i < but ? 0.5 * scores[i] : i > but ? 1.5 * scores[i] : scores[i];
        }
        if (sum != 0) {
            sum += Math.signum(sum) * Math.min(4, tokens.exclamations) * 0.292;
        }
        return sum / Math.sqrt(sum * sum + 15);
    }
}
