package org.rapport.analysis;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A lexicon-and-rules scorer in the VADER family, written for complaints: valence from the general VADER
 * lexicon (negation, boosters, "but" shifts, capitals, exclamation marks), and our own customer-service
 * cues (anger, worry, gratitude, urgency, escalation, abuse at people) as patterns with their spans.
 * Thread-safe and allocation-light: built once, used for every message.
 */
public final class LexiconEmotionClassifier {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}'’]+|[:;=][-']?[()DPp/\\\\|]|<3");
    private static final Set<String> NEGATIONS = Set.of(
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
            "nt");
    private static final Map<String, Double> BOOSTERS = boosters();
    private static final double NEGATION_FACTOR = -0.74;
    private static final Pattern CAPS_WORD = Pattern.compile("\\b[A-Z]{3,}\\b");
    private static final double CAPS_BOOST = 0.733;

    private final Map<String, Double> lexicon;
    private final List<CuePattern> cues;

    private record CuePattern(String label, Pattern pattern) {}

    public LexiconEmotionClassifier() {
        this.lexicon = loadVader();
        this.cues = loadCues();
    }

    /** The analysis of one message; {@code language} is what a detector said (null: assume English). */
    public Analysis analyse(String text, String language) {
        String body = text == null ? "" : text;
        if (language != null && !language.equalsIgnoreCase("en")) {
            return new Analysis(
                    false,
                    language,
                    0,
                    "not analysed",
                    0,
                    "not analysed",
                    0,
                    0,
                    false,
                    List.of(),
                    Analysis.Abuse.NONE,
                    List.of());
        }
        double valence = valence(body);
        List<Cue> found = new ArrayList<>();
        for (CuePattern cue : cues) {
            Matcher m = cue.pattern().matcher(body);
            while (m.find()) {
                found.add(new Cue(cue.label(), new Span(m.start(), m.end(), m.group())));
            }
        }
        double anger = anger(body, valence, found);
        // A complaint's words are often neutral ("still nothing", "third time"): its cues weigh in too.
        valence = Math.max(
                -1,
                Math.min(
                        1,
                        valence
                                - 0.5 * anger
                                - 0.1 * count(found, "urgency")
                                - (count(found, "abuse:") > 0 ? 0.4 : 0)));
        double worry = Math.min(1, 0.5 * count(found, "worry"));
        double gratitude =
                count(found, "gratitude") > 0 && valence > -0.5 ? Math.min(1, 0.6 * count(found, "gratitude")) : 0;
        boolean urgent = count(found, "urgency") > 0;
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
                urgent,
                List.copyOf(escalation),
                abuse(found),
                List.copyOf(found));
    }

    /** VADER's compound score: lexicon valences adjusted by context, normalised to −1…1. */
    double valence(String text) {
        List<String> words = new ArrayList<>();
        List<String> raw = new ArrayList<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            raw.add(m.group());
            words.add(m.group().toLowerCase(Locale.ROOT).replace('’', '\''));
        }
        boolean shouting = raw.stream()
                .allMatch(w -> !w.equals(w.toLowerCase(Locale.ROOT)) && w.equals(w.toUpperCase(Locale.ROOT)));
        double[] scores = new double[words.size()];
        int but = -1;
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (w.equals("but") || w.equals("however")) {
                but = i;
            }
            Double base = lexicon.get(w);
            if (base == null || BOOSTERS.containsKey(w)) {
                continue;
            }
            double v = base;
            String original = raw.get(i);
            if (!shouting
                    && original.length() > 1
                    && original.equals(original.toUpperCase(Locale.ROOT))
                    && !original.equals(original.toLowerCase(Locale.ROOT))) {
                v += Math.signum(v) * CAPS_BOOST;
            }
            for (int back = 1; back <= 3 && i - back >= 0; back++) {
                Double boost = BOOSTERS.get(words.get(i - back));
                if (boost != null) {
                    v += Math.signum(v) * boost * (back == 1 ? 1 : back == 2 ? 0.95 : 0.9);
                }
            }
            for (int back = 1; back <= 3 && i - back >= 0; back++) {
                String previous = words.get(i - back);
                if (NEGATIONS.contains(previous) || previous.endsWith("n't")) {
                    v *= NEGATION_FACTOR;
                    break;
                }
            }
            scores[i] = v;
        }
        double sum = 0;
        for (int i = 0; i < scores.length; i++) {
            double s = scores[i];
            if (but >= 0) {
                s *= i < but ? 0.5 : i > but ? 1.5 : 1;
            }
            sum += s;
        }
        long exclamations = Math.min(4, text.chars().filter(c -> c == '!').count());
        if (sum != 0) {
            sum += Math.signum(sum) * exclamations * 0.292;
        }
        return sum / Math.sqrt(sum * sum + 15);
    }

    private static double anger(String text, double valence, List<Cue> found) {
        double anger = 0.35 * count(found, "anger") + 0.45 * count(found, "escalation") / 2.0;
        if (valence < -0.5) {
            anger += 0.25;
        }
        if (text.contains("!!") || text.contains("?!")) {
            anger += 0.15;
        }
        long capsWords =
                Pattern.compile("\\b[A-Z]{3,}\\b").matcher(text).results().count();
        if (capsWords >= 2) {
            anger += 0.2;
        }
        anger += 0.5 * count(found, "abuse:");
        return Math.min(1, anger);
    }

    private static Analysis.Abuse abuse(List<Cue> found) {
        String category = "none";
        String severity = "none";
        for (String kind : List.of("slur", "threat", "harassment", "insult")) {
            if (count(found, "abuse:" + kind) > 0) {
                category = kind;
                severity = kind.equals("insult") && count(found, "abuse:insult") < 2 ? "low" : "high";
                break;
            }
        }
        if (category.equals("none")) {
            return Analysis.Abuse.NONE;
        }
        String target = count(found, "target:staff") > 0 ? "staff" : "agent";
        return new Analysis.Abuse(category, severity, target);
    }

    private static int count(List<Cue> found, String prefix) {
        int n = 0;
        for (Cue cue : found) {
            if (cue.label().startsWith(prefix)) {
                n++;
            }
        }
        return n;
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    private static Map<String, Double> boosters() {
        Map<String, Double> b = new HashMap<>();
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
            b.put(w, 0.293);
        }
        for (String w : List.of("barely", "hardly", "slightly", "somewhat", "kinda", "sorta", "marginally", "partly")) {
            b.put(w, -0.293);
        }
        return Map.copyOf(b);
    }

    /** Only the lexicon resource of the VADER jar is used (MIT licence): "word, mean, deviation, ratings". */
    private static Map<String, Double> loadVader() {
        Map<String, Double> lexicon = new HashMap<>();
        try (InputStream in = LexiconEmotionClassifier.class
                        .getClassLoader()
                        .getResourceAsStream("vader_sentiment_lexicon.txt");
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                String[] fields = line.split("\t");
                if (fields.length >= 2) {
                    lexicon.put(fields[0].toLowerCase(Locale.ROOT), Double.parseDouble(fields[1]));
                }
            }
        } catch (IOException | NullPointerException e) {
            throw new UncheckedIOException(new IOException("The VADER lexicon is missing from the class path", e));
        }
        return Map.copyOf(lexicon);
    }

    /** Our customer-service cues: "label<TAB>regular expression" lines, case-insensitive. */
    private static List<CuePattern> loadCues() {
        List<CuePattern> cues = new ArrayList<>();
        try (InputStream in = LexiconEmotionClassifier.class.getResourceAsStream("/analysis/cues.tsv");
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int tab = line.indexOf('\t');
                cues.add(new CuePattern(
                        line.substring(0, tab).strip(),
                        Pattern.compile(line.substring(tab + 1).strip(), Pattern.CASE_INSENSITIVE)));
            }
        } catch (IOException | NullPointerException e) {
            throw new UncheckedIOException(new IOException("analysis/cues.tsv is missing from the class path", e));
        }
        return List.copyOf(cues);
    }
}
