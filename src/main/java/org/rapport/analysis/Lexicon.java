package org.rapport.analysis;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The classifier's word tables, by word id so that a lookup is an array read: VADER valences and boosters,
 * the small word classes the rules read (negations, interjections, "but"), and the cue phrases of
 * {@code analysis/cues.tsv} with what each label does. Built once and read-only after that.
 */
final class Lexicon {

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

    final Vocabulary vocabulary = new Vocabulary();
    final CueMatcher cues;
    /** By word id: VADER valence, NaN where the word has none or is a booster. */
    final double[] valences;
    /** By word id: booster weight, 0 if none. */
    final double[] boosts;

    final boolean[] negations;
    final boolean[] negationGaps;
    final boolean[] contrasts;
    final boolean[] interjections;
    /** By cue label id. */
    final CueKind[] kinds;
    /** By cue label id: the valence of a {@code valence:N} phrase, NaN for other labels. */
    final double[] phraseValences;

    /** Labels the rules give cues themselves; −1 where cues.tsv has none. */
    final int urgencyLabel;

    final int sarcasmLabel;

    Lexicon() {
        Map<Integer, Double> lexicon = loadVader(vocabulary);
        Map<Integer, Double> boosters = boosters(vocabulary);
        int[] negationIds = NEGATIONS.stream().mapToInt(vocabulary::add).toArray();
        int[] gapIds = NEGATION_GAP.stream().mapToInt(vocabulary::add).toArray();
        int[] interjectionIds = INTERJECTIONS.stream().mapToInt(vocabulary::add).toArray();
        int[] contrastIds = {vocabulary.add("but"), vocabulary.add("however")};
        try (InputStream in = Lexicon.class.getResourceAsStream("/analysis/cues.tsv")) {
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
        kinds = new CueKind[cues.labelCount()];
        phraseValences = new double[cues.labelCount()];
        for (int l = 0; l < kinds.length; l++) {
            String name = cues.labelName(l);
            kinds[l] = CueKind.of(name);
            phraseValences[l] =
                    kinds[l] == CueKind.VALENCE ? Double.parseDouble(name.substring("valence:".length())) : Double.NaN;
        }
        urgencyLabel = cues.labelId("urgency");
        sarcasmLabel = cues.labelId("sarcasm");
    }

    private static boolean[] flags(int size, int[] ids) {
        boolean[] flags = new boolean[size];
        for (int id : ids) {
            flags[id] = true;
        }
        return flags;
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
        try (InputStream in = Lexicon.class.getClassLoader().getResourceAsStream("vader_sentiment_lexicon.txt");
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
