package org.rapport.analysis;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A lexicon-and-rules scorer in the VADER family, written for complaints: valence from the general VADER
 * lexicon (negation, boosters, "but" shifts, capitals, exclamation marks) corrected by a small domain
 * lexicon, and our own customer-service cues (anger, worry, gratitude, urgency, escalation, abuse at
 * people, sarcasm) as phrases with their spans, all in {@code analysis/cues.tsv}. Thread-safe and
 * allocation-light: built once, used for every message. A message is cut into tokens in one pass and
 * everything after that goes by word id: lexicon lookups are array reads and all cue phrases one trie.
 */
public final class LexiconEmotionClassifier {

    private static final List<String> NEGATIONS = List.of(
            "not",
            "no",
            "never",
            "none",
            "nobody",
            "nothing",
            "neither",
            "nor",
            "without",
            "hardly",
            "cannot",
            "can't",
            "dont",
            "don't",
            "doesn't",
            "didn't",
            "isn't",
            "aren't",
            "wasn't",
            "weren't",
            "won't",
            "wouldn't",
            "shouldn't",
            "couldn't",
            "haven't",
            "hasn't",
            "hadn't",
            "ain't",
            "nt",
            "cant",
            "doesnt",
            "didnt",
            "isnt",
            "arent",
            "wasnt",
            "werent",
            "wouldnt",
            "shouldnt",
            "couldnt",
            "havent",
            "hasnt",
            "hadnt",
            "aint",
            "neednt");
    /** Words that may stand between a negation and what it negates: "not really worried", "won't be". */
    private static final List<String> NEGATION_GAP = List.of("be", "really", "very", "too", "that", "so", "at", "all");
    /** What may stand with praise in a clause of its own: "Oh brilliant.", "Real nice.", "Wow." */
    private static final List<String> INTERJECTIONS = List.of(
            "oh",
            "ooh",
            "wow",
            "yeah",
            "yay",
            "just",
            "real",
            "how",
            "what",
            "a",
            "so",
            "simply",
            "well",
            "job",
            "done",
            "everyone",
            "as",
            "always",
            "usual");

    private static final double NEGATION_FACTOR = -0.74;
    /** "not bad" is faint praise, "not angry" no praise at all: a negated negative word counts less. */
    private static final double NEGATED_NEGATIVE_FACTOR = -0.3;

    private static final double CAPS_BOOST = 0.733;
    /** The least valence a word needs to read as praise in a clause of its own. */
    private static final double PRAISE = 1.5;

    private static final int PRAISE_CLAUSE = 3;

    private final Vocabulary vocabulary = new Vocabulary();
    private final CueMatcher cues;
    /** By word id: VADER valence, NaN where the word has none or is a booster. */
    private final double[] valences;
    /** By word id: booster weight, 0 if none. */
    private final double[] boosts;

    private final boolean[] negations;
    private final boolean[] negationGaps;
    private final boolean[] contrasts;
    private final boolean[] interjections;
    /** By cue label id. */
    private final Kind[] kinds;
    /** By cue label id: the valence of a {@code valence:N} phrase, NaN for other labels. */
    private final double[] phraseValences;

    private final int urgencyLabel;
    private final int sarcasmLabel;

    /** What a cue label does in the scoring. */
    private enum Kind {
        ANGER,
        STRONG_ANGER,
        PROFANITY,
        SARCASM,
        WORRY,
        GRATITUDE,
        URGENCY,
        ESCALATION,
        LEAVING,
        ABUSE,
        TARGET_STAFF,
        OTHER,
        COMPLAINT,
        DEADLINE,
        REQUEST,
        REPORTED,
        FORMULA,
        ROUTINE,
        RESOLVED,
        PRAISE,
        POLITE,
        ABANDONED,
        VALENCE,
        /** A context label no rule reads yet. */
        CONTEXT;

        /** A negation just before the cue drops it: "not urgent", "I'm not angry". */
        boolean negatable() {
            return this == ANGER
                    || this == STRONG_ANGER
                    || this == WORRY
                    || this == GRATITUDE
                    || this == URGENCY
                    || this == ESCALATION
                    || this == LEAVING
                    || this == COMPLAINT
                    || this == DEADLINE;
        }

        /** Reported in {@link Analysis#cues()}; the others are context for the rules. */
        boolean finding() {
            return ordinal() <= OTHER.ordinal();
        }
    }

    public LexiconEmotionClassifier() {
        Map<Integer, Double> lexicon = loadVader(vocabulary);
        Map<Integer, Double> boosters = boosters(vocabulary);
        int[] negationIds = NEGATIONS.stream().mapToInt(vocabulary::add).toArray();
        int[] gapIds = NEGATION_GAP.stream().mapToInt(vocabulary::add).toArray();
        int[] interjectionIds = INTERJECTIONS.stream().mapToInt(vocabulary::add).toArray();
        int[] contrastIds = {vocabulary.add("but"), vocabulary.add("however")};
        try (InputStream in = LexiconEmotionClassifier.class.getResourceAsStream("/analysis/cues.tsv")) {
            if (in == null) {
                throw new IOException("analysis/cues.tsv is missing from the class path");
            }
            cues = CueMatcher.load(in, vocabulary);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int size = vocabulary.size();
        valences = new double[size];
        Arrays.fill(valences, Double.NaN);
        lexicon.forEach((word, valence) -> valences[word] = valence);
        boosts = new double[size];
        boosters.forEach((word, boost) -> {
            boosts[word] = boost;
            valences[word] = Double.NaN;
        });
        negations = flags(size, negationIds);
        negationGaps = flags(size, gapIds);
        interjections = flags(size, interjectionIds);
        contrasts = flags(size, contrastIds);
        kinds = new Kind[cues.labelCount()];
        phraseValences = new double[cues.labelCount()];
        for (int l = 0; l < kinds.length; l++) {
            String name = cues.labelName(l);
            kinds[l] = kind(name);
            phraseValences[l] =
                    kinds[l] == Kind.VALENCE ? Double.parseDouble(name.substring("valence:".length())) : Double.NaN;
        }
        urgencyLabel = cues.labelId("urgency");
        sarcasmLabel = cues.labelId("sarcasm");
    }

    /** The analysis of one message; {@code language} is what a detector said (null: assume English). */
    public Analysis analyse(String text, String language) {
        String body = text == null ? "" : text;
        if (language != null && !language.equalsIgnoreCase("en")) {
            return Analysis.notAnalysed(language);
        }
        Tokens tokens = Tokens.of(body, vocabulary);
        CueMatcher.Hits hits = cues.match(tokens);
        Kind[] kind = new Kind[hits.count];
        for (int h = 0; h < hits.count; h++) {
            kind[h] = kinds[hits.label[h]];
        }
        int[] label = hits.label.clone();
        applyContext(tokens, hits, kind, label);

        double[] scores = scores(tokens, hits, kind);
        // Complaint evidence, without swearing: swearing alone may be joy ("Damn, that was quick!").
        boolean complaint = count(
                                kind,
                                Kind.ANGER,
                                Kind.STRONG_ANGER,
                                Kind.ABUSE,
                                Kind.ESCALATION,
                                Kind.LEAVING,
                                Kind.COMPLAINT,
                                Kind.SARCASM)
                        > 0
                || negativeSum(tokens, hits, kind, scores) <= -2;
        if (!complaint && count(kind, Kind.GRATITUDE) > 0) {
            silence(hits, kind, scores, Kind.PROFANITY);
        }
        complaint |= count(kind, Kind.PROFANITY) > 0;
        List<int[]> sarcasm = sarcasm(tokens, hits, kind, scores, complaint);
        if (!sarcasm.isEmpty()) {
            drop(kind, Kind.GRATITUDE);
            for (int[] span : sarcasm) {
                for (int i = span[0]; i < span[1]; i++) {
                    scores[i] = -Math.abs(scores[i]);
                }
            }
        }
        if (count(kind, Kind.GRATITUDE, Kind.RESOLVED) > 0) {
            // Worry in a thankful message is worry that is over: "I was panicking, thank you".
            drop(kind, Kind.WORRY);
        }

        double valence = compound(tokens, scores);
        boolean positive = valence > 0.3 && !complaint;
        double anger = anger(hits, kind, tokens, valence, positive, !sarcasm.isEmpty());
        // A complaint's words are often neutral ("still nothing", "third time"): its cues weigh in too.
        valence = Math.clamp(
                valence
                        - 0.5 * anger
                        - 0.1 * count(kind, Kind.URGENCY)
                        - (count(kind, Kind.ABUSE) > 0 ? 0.4 : 0)
                        - 0.1 * Math.min(3, count(kind, Kind.COMPLAINT)),
                -1,
                1);
        double worry = Math.min(1, 0.5 * count(kind, Kind.WORRY));
        int thanks = count(kind, Kind.GRATITUDE);
        double gratitude = thanks > 0 && valence > -0.5 ? Math.min(1, 0.6 * thanks) : 0;

        List<Cue> found = findings(body, tokens, hits, kind, label, sarcasm);
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
                count(kind, Kind.URGENCY) > 0,
                List.copyOf(escalation),
                abuse(found, count(kind, Kind.TARGET_STAFF) > 0),
                List.copyOf(found));
    }

    /**
     * The rules between cues: a negation or quotation marks cancel a cue, reported words are not abuse,
     * set phrases are not thanks, ordinary reasons to leave and intentions given up are no escalation,
     * and a time is urgency only where its sentence asks for something. A dropped cue's kind is null.
     */
    private void applyContext(Tokens tokens, CueMatcher.Hits hits, Kind[] kind, int[] label) {
        for (int h = 0; h < hits.count; h++) {
            int first = hits.first[h];
            if (first < 0) {
                continue;
            }
            if (kind[h].negatable() && negated(tokens, first)) {
                kind[h] = null;
            } else if ((tokens.flags[first] & Tokens.QUOTED) != 0) {
                kind[h] = null;
            }
        }
        for (int h = 0; h < hits.count; h++) {
            if (kind[h] == Kind.ABUSE && hits.first[h] >= 0 && follows(hits, kind, Kind.REPORTED, hits.first[h], 1)) {
                kind[h] = null;
            } else if ((kind[h] == Kind.ESCALATION || kind[h] == Kind.LEAVING)
                    && follows(hits, kind, Kind.ABANDONED, hits.first[h], 3)) {
                kind[h] = null;
            } else if (kind[h] == Kind.GRATITUDE && overlaps(hits, kind, Kind.FORMULA, h)) {
                kind[h] = null;
            }
        }
        if (count(kind, Kind.ROUTINE) > 0 && count(kind, Kind.ANGER, Kind.STRONG_ANGER, Kind.PROFANITY) == 0) {
            drop(kind, Kind.LEAVING);
        }
        if (count(kind, Kind.DEADLINE) > 0 && urgencyLabel >= 0) {
            boolean[] asks = asking(tokens, hits, kind);
            for (int h = 0; h < hits.count; h++) {
                if (kind[h] == Kind.DEADLINE && asks[hits.first[h]]) {
                    kind[h] = Kind.URGENCY;
                    label[h] = urgencyLabel;
                }
            }
        }
    }

    private boolean negated(Tokens tokens, int first) {
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

    /** A cue of {@code context} ends at most {@code words} words before token {@code first}. */
    private static boolean follows(CueMatcher.Hits hits, Kind[] kind, Kind context, int first, int words) {
        for (int h = 0; h < hits.count; h++) {
            if (kind[h] == context && hits.last[h] <= first && first - hits.last[h] <= words) {
                return true;
            }
        }
        return false;
    }

    private static boolean overlaps(CueMatcher.Hits hits, Kind[] kind, Kind context, int cue) {
        for (int h = 0; h < hits.count; h++) {
            if (kind[h] == context && hits.from[h] < hits.to[cue] && hits.from[cue] < hits.to[h]) {
                return true;
            }
        }
        return false;
    }

    /** By token: whether its sentence has a request cue. */
    private static boolean[] asking(Tokens tokens, CueMatcher.Hits hits, Kind[] kind) {
        boolean[] asks = new boolean[tokens.count];
        for (int h = 0; h < hits.count; h++) {
            if (kind[h] == Kind.REQUEST) {
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
     * Each token's valence as VADER scores it (lexicon, or our phrase valence; capitals, boosters and a
     * negation in the three words before), 0 for words without one and for quoted words.
     */
    private double[] scores(Tokens tokens, CueMatcher.Hits hits, Kind[] kind) {
        int n = tokens.count;
        int[] ids = tokens.id;
        int[] flags = tokens.flags;
        double[] scores = new double[n];
        double[] phrase = null;
        for (int h = 0; h < hits.count; h++) {
            if (kind[h] == Kind.VALENCE || kind[h] == Kind.FORMULA) {
                if (phrase == null) {
                    phrase = new double[n];
                    Arrays.fill(phrase, Double.NaN);
                }
                // Set phrases ("kind regards", "I would appreciate it if") are politeness, not praise.
                phrase[hits.first[h]] = kind[h] == Kind.FORMULA ? 0 : phraseValences[hits.label[h]];
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
    private static double negativeSum(Tokens tokens, CueMatcher.Hits hits, Kind[] kind, double[] scores) {
        double sum = 0;
        for (double s : scores) {
            sum += Math.min(0, s);
        }
        for (int h = 0; h < hits.count; h++) {
            if (kind[h] == Kind.PROFANITY) {
                for (int i = Math.max(0, hits.first[h]); i < hits.last[h]; i++) {
                    sum -= Math.min(0, scores[i]);
                }
            }
        }
        return sum;
    }

    /** Drops the cues of {@code dropped} and the valence of their words. */
    private static void silence(CueMatcher.Hits hits, Kind[] kind, double[] scores, Kind dropped) {
        for (int h = 0; h < hits.count; h++) {
            if (kind[h] == dropped) {
                for (int i = Math.max(0, hits.first[h]); i < hits.last[h]; i++) {
                    scores[i] = 0;
                }
                kind[h] = null;
            }
        }
    }

    /**
     * Sarcasm: a phrase that is always sarcastic ("thanks for nothing"), and in a message that complains
     * also praise phrases ("oh great") and clauses of nothing but praise ("Lovely.", "Great, another week
     * without internet"). Returns the token spans, in text order, whose praise turns negative.
     */
    private List<int[]> sarcasm(Tokens tokens, CueMatcher.Hits hits, Kind[] kind, double[] scores, boolean complaint) {
        List<int[]> spans = new ArrayList<>();
        for (int h = 0; h < hits.count; h++) {
            if ((kind[h] == Kind.SARCASM || (complaint && kind[h] == Kind.PRAISE)) && hits.first[h] >= 0) {
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

    private boolean praiseOnly(Tokens tokens, CueMatcher.Hits hits, Kind[] kind, double[] scores, int start, int end) {
        boolean praise = false;
        for (int i = start; i < end; i++) {
            int word = tokens.id[i];
            if (scores[i] > 0 && base(tokens, hits, kind, i) >= PRAISE && !covered(hits, kind, Kind.GRATITUDE, i)) {
                praise = true;
            } else if (word < 0 || !(interjections[word] || boosts[word] > 0)) {
                return false;
            }
        }
        return praise;
    }

    /** A word's valence before capitals, boosters and negation: our phrase valence, or VADER's. */
    private double base(Tokens tokens, CueMatcher.Hits hits, Kind[] kind, int token) {
        for (int h = 0; h < hits.count; h++) {
            if (kind[h] == Kind.VALENCE && hits.first[h] <= token && token < hits.last[h]) {
                return hits.first[h] == token ? phraseValences[hits.label[h]] : 0;
            }
        }
        int word = tokens.id[token];
        return word >= 0 && !Double.isNaN(valences[word]) ? valences[word] : 0;
    }

    private static boolean covered(CueMatcher.Hits hits, Kind[] kind, Kind of, int token) {
        for (int h = 0; h < hits.count; h++) {
            if (kind[h] == of && hits.first[h] <= token && token < hits.last[h]) {
                return true;
            }
        }
        return false;
    }

    /** VADER's compound score: the sum of the words' valences, "but" shifts and "!", normalised to −1…1. */
    private double compound(Tokens tokens, double[] scores) {
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

    /**
     * Anger from its cues, from sarcasm, from a clearly negative message, and from shouting (capitals,
     * "!!", "?!") unless the message is happy: "THANK YOU!!!" is not anger.
     */
    private double anger(
            CueMatcher.Hits hits, Kind[] kind, Tokens tokens, double valence, boolean positive, boolean sarcastic) {
        int insults = 0;
        int harassment = 0;
        for (int h = 0; h < hits.count; h++) {
            if (kind[h] == Kind.ABUSE) {
                if (cues.labelName(hits.label[h]).equals("abuse:harassment")) {
                    harassment++;
                } else {
                    insults++;
                }
            }
        }
        int profanity = count(kind, Kind.PROFANITY);
        // Several cues of one sort say more than one, but not as much again: "switching A, switching B".
        double anger = 0.35 * count(kind, Kind.ANGER)
                + 0.6 * count(kind, Kind.STRONG_ANGER)
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
    private static double escalation(Kind[] kind) {
        int threats = count(kind, Kind.ESCALATION);
        int leaving = count(kind, Kind.LEAVING);
        double anger = (threats > 0 ? 0.4 + 0.05 * Math.min(2, threats - 1) : 0) + (leaving > 0 ? 0.25 : 0);
        return count(kind, Kind.POLITE, Kind.FORMULA) > 0 ? anger / 2 : anger;
    }

    /** The cues to report, in text order. */
    private List<Cue> findings(
            String body, Tokens tokens, CueMatcher.Hits hits, Kind[] kind, int[] label, List<int[]> sarcasm) {
        int capacity = hits.count + sarcasm.size();
        int[] labels = new int[capacity];
        int[] starts = new int[capacity];
        int[] ends = new int[capacity];
        int n = 0;
        for (int h = 0; h < hits.count; h++) {
            if (kind[h] != null && kind[h].finding() && kind[h] != Kind.SARCASM) {
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

    private static Analysis.Abuse abuse(List<Cue> found, boolean atStaff) {
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

    private static int count(Kind[] kind, Kind... wanted) {
        int n = 0;
        for (Kind k : kind) {
            for (Kind w : wanted) {
                n += k == w ? 1 : 0;
            }
        }
        return n;
    }

    private static void drop(Kind[] kind, Kind dropped) {
        for (int h = 0; h < kind.length; h++) {
            if (kind[h] == dropped) {
                kind[h] = null;
            }
        }
    }

    private static boolean[] flags(int size, int[] ids) {
        boolean[] flags = new boolean[size];
        for (int id : ids) {
            flags[id] = true;
        }
        return flags;
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    private static Kind kind(String label) {
        return switch (label) {
            case "anger" -> Kind.ANGER;
            case "anger:strong" -> Kind.STRONG_ANGER;
            case "anger:profanity" -> Kind.PROFANITY;
            case "sarcasm" -> Kind.SARCASM;
            case "worry" -> Kind.WORRY;
            case "gratitude" -> Kind.GRATITUDE;
            case "urgency" -> Kind.URGENCY;
            case "target:staff" -> Kind.TARGET_STAFF;
            case "context:complaint" -> Kind.COMPLAINT;
            case "context:deadline" -> Kind.DEADLINE;
            case "context:request" -> Kind.REQUEST;
            case "context:reported" -> Kind.REPORTED;
            case "context:formula" -> Kind.FORMULA;
            case "context:routine" -> Kind.ROUTINE;
            case "context:resolved" -> Kind.RESOLVED;
            case "context:praise" -> Kind.PRAISE;
            case "context:polite" -> Kind.POLITE;
            case "context:abandoned" -> Kind.ABANDONED;
            case "escalation:cancel", "escalation:switch" -> Kind.LEAVING;
            default ->
                label.startsWith("escalation:")
                        ? Kind.ESCALATION
                        : label.startsWith("abuse:")
                                ? Kind.ABUSE
                                : label.startsWith("valence:")
                                        ? Kind.VALENCE
                                        : label.startsWith("context:") ? Kind.CONTEXT : Kind.OTHER;
        };
    }

    private static Map<Integer, Double> boosters(Vocabulary vocabulary) {
        Map<Integer, Double> b = new HashMap<>();
        for (String w : List.of(
                "absolutely",
                "amazingly",
                "awfully",
                "completely",
                "deeply",
                "especially",
                "extremely",
                "fully",
                "greatly",
                "highly",
                "hugely",
                "incredibly",
                "really",
                "so",
                "such",
                "thoroughly",
                "totally",
                "truly",
                "utterly",
                "very",
                "most",
                "seriously")) {
            b.put(vocabulary.add(w), 0.293);
        }
        for (String w : List.of("barely", "hardly", "slightly", "somewhat", "kinda", "sorta", "marginally", "partly")) {
            b.put(vocabulary.add(w), -0.293);
        }
        return b;
    }

    /** Only the lexicon resource of the VADER jar is used (MIT licence): "word, mean, deviation, ratings". */
    private static Map<Integer, Double> loadVader(Vocabulary vocabulary) {
        Map<Integer, Double> lexicon = new HashMap<>();
        try (InputStream in = LexiconEmotionClassifier.class
                        .getClassLoader()
                        .getResourceAsStream("vader_sentiment_lexicon.txt");
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                String[] fields = line.split("\t");
                if (fields.length >= 2) {
                    lexicon.put(vocabulary.add(fields[0]), Double.parseDouble(fields[1]));
                }
            }
        } catch (IOException | NullPointerException e) {
            throw new UncheckedIOException(new IOException("The VADER lexicon is missing from the class path", e));
        }
        return lexicon;
    }
}
