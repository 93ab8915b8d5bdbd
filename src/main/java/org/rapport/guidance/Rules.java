package org.rapport.guidance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rapport.analysis.Span;
import org.rapport.shared.LabelledLines;

/**
 * The phrase lists of {@code guidance/rules.tsv}, compiled once: {@code label<TAB>regex[<TAB>why[<TAB>suggestion]]}.
 * Keeping the wording outside the Java lets a team lead read and extend what the checks react to.
 *
 * <p>Speed: a draft meets a few hundred patterns, and scanning every one over every character costs milliseconds.
 * Most patterns start at a word boundary with one of a few literal words ({@code \b(?:sorry|apologi[sz]e)...}),
 * so at load time each rule learns the prefixes its first word can have, and an {@link Indexed} text only tries the
 * rule where such a word begins. Rules whose start cannot be worked out are scanned as usual.
 */
final class Rules {

    /**
     * One line of the file: what it reacts to and, for findings, what the agent is told. {@code starts} holds the
     * lower-case prefixes a match's first word must have, or null when any position may start a match.
     */
    record Rule(String label, Pattern pattern, String why, String suggestion, String[] starts) {}

    /** A rule's match: where, and the rule's own explanation and suggestion. */
    record Match(Rule rule, int start, int end) {}

    private static final Rules DEFAULT = load("/guidance/rules.tsv");

    private final Map<String, List<Rule>> byLabel;

    private Rules(Map<String, List<Rule>> byLabel) {
        this.byLabel = byLabel;
    }

    static Rules standard() {
        return DEFAULT;
    }

    static Rules load(String resource) {
        Map<String, List<Rule>> rules = new LinkedHashMap<>();
        try (InputStream in = Rules.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException(resource + " is missing from the class path");
            }
            for (LabelledLines.Line line : LabelledLines.read(in, resource, "label<TAB>regex")) {
                String regex = line.field(1);
                rules.computeIfAbsent(line.field(0), k -> new ArrayList<>())
                        .add(new Rule(
                                line.field(0),
                                Pattern.compile(regex, Pattern.CASE_INSENSITIVE),
                                line.field(2),
                                line.field(3),
                                FirstWords.of(regex)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        rules.replaceAll((label, list) -> List.copyOf(list));
        return new Rules(Map.copyOf(rules));
    }

    List<Rule> get(String label) {
        List<Rule> rules = byLabel.get(label);
        if (rules == null) {
            // A typo in a label would silently switch a check off; fail at start-up instead.
            throw new IllegalStateException("guidance/rules.tsv has no rule labelled " + label);
        }
        return rules;
    }

    // --- matching on short strings (a customer message, a clause) ------------------------------------------

    boolean matches(String label, CharSequence text) {
        return find(label, text) != null;
    }

    Match find(String label, CharSequence text) {
        Match best = null;
        for (Rule rule : get(label)) {
            Matcher m = rule.pattern().matcher(text);
            if (m.find() && (best == null || m.start() < best.start())) {
                best = new Match(rule, m.start(), m.end());
            }
        }
        return best;
    }

    // --- matching inside a draft ----------------------------------------------------------------------------

    boolean matches(String label, Indexed text, int start, int end) {
        for (Rule rule : get(label)) {
            if (first(rule, text, start, end) != null) {
                return true;
            }
        }
        return false;
    }

    boolean matches(String label, Indexed text, Span span) {
        return matches(label, text, span.start(), span.end());
    }

    /** The leftmost match of any rule with this label inside [start, end), or null. */
    Match find(String label, Indexed text, int start, int end) {
        Match best = null;
        for (Rule rule : get(label)) {
            Match m = first(rule, text, start, end);
            if (m != null && (best == null || m.start() < best.start())) {
                best = m;
            }
        }
        return best;
    }

    private static Match first(Rule rule, Indexed text, int start, int end) {
        if (rule.starts() == null) {
            Matcher m = text.matcher(rule);
            return m.region(start, end).find() ? new Match(rule, m.start(), m.end()) : null;
        }
        int[] candidates = text.candidates(rule);
        int k = Arrays.binarySearch(candidates, start);
        for (k = k < 0 ? -k - 1 : k; k < candidates.length && candidates[k] < end; k++) {
            Matcher m = text.matcher(rule);
            if (m.region(candidates[k], end).lookingAt()) {
                return new Match(rule, m.start(), m.end());
            }
        }
        return null;
    }

    /**
     * A draft prepared for many rules: its plain text and its words, sorted, so the places where a rule could
     * start are found by binary search instead of by trying the rule at every character.
     */
    static final class Indexed {

        private final String text;
        /** The distinct lower-case words, sorted, and where each occurs. */
        private final String[] words;

        private final int[][] positions;
        // Per draft, so no locking: each check builds its own.
        private final Map<Rule, int[]> candidates = new IdentityHashMap<>();
        private final Map<Rule, Matcher> matchers = new IdentityHashMap<>();

        Indexed(String text) {
            this.text = text;
            Map<String, int[]> at = new HashMap<>();
            int n = text.length();
            char[] buffer = new char[32];
            int i = 0;
            while (i < n) {
                if (!Character.isLetterOrDigit(text.charAt(i))) {
                    i++;
                    continue;
                }
                int start = i;
                while (i < n && Character.isLetterOrDigit(text.charAt(i))) {
                    i++;
                }
                int length = i - start;
                if (length > buffer.length) {
                    buffer = new char[length];
                }
                for (int k = 0; k < length; k++) {
                    buffer[k] = Character.toLowerCase(text.charAt(start + k));
                }
                String word = new String(buffer, 0, length);
                int[] list = at.get(word);
                if (list == null) {
                    at.put(word, new int[] {1, start});
                } else {
                    if (list[0] + 1 == list.length) {
                        list = Arrays.copyOf(list, list.length * 2);
                        at.put(word, list);
                    }
                    list[++list[0]] = start;
                }
            }
            words = at.keySet().toArray(String[]::new);
            Arrays.sort(words);
            positions = new int[words.length][];
            for (int k = 0; k < words.length; k++) {
                int[] list = at.get(words[k]);
                positions[k] = Arrays.copyOfRange(list, 1, list[0] + 1);
            }
        }

        String text() {
            return text;
        }

        /** The first word not sorting before {@code prefix}: where the words beginning with it start. */
        private int lowerBound(String prefix) {
            int low = 0;
            int high = words.length;
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (words[mid].compareTo(prefix) < 0) {
                    low = mid + 1;
                } else {
                    high = mid;
                }
            }
            return low;
        }

        Matcher matcher(Rule rule) {
            // A rule that starts with a lookbehind ("not after 'when'") must see the text before the place it
            // is tried at; for the others the region's edges are the sentence's.
            return matchers.computeIfAbsent(
                    rule,
                    r -> r.pattern()
                            .matcher(text)
                            .useTransparentBounds(r.pattern().pattern().startsWith("(?<")));
        }

        /** Where a rule could start: the words beginning with one of its prefixes, in text order. */
        int[] candidates(Rule rule) {
            return candidates.computeIfAbsent(rule, r -> wordsStartingWith(r.starts(), 0, text.length()));
        }

        /** Where words beginning with one of the prefixes start inside [start, end), in text order. */
        int[] wordsStartingWith(String[] prefixes, int start, int end) {
            int[] hits = new int[8];
            int count = 0;
            for (String prefix : prefixes) {
                for (int k = lowerBound(prefix); k < words.length && words[k].startsWith(prefix); k++) {
                    for (int position : positions[k]) {
                        if (position >= start && position < end) {
                            if (count == hits.length) {
                                hits = Arrays.copyOf(hits, count * 2);
                            }
                            hits[count++] = position;
                        }
                    }
                }
            }
            int[] result = Arrays.copyOf(hits, count);
            Arrays.sort(result);
            return result;
        }
    }

    // --- text helpers ---------------------------------------------------------------------------------------

    /**
     * The text with typographic apostrophes and quotes made plain, character for character, so patterns can be
     * written once and every offset still points into the original.
     */
    static String plain(String text) {
        if (text == null) {
            return "";
        }
        return text.replace('\u2019', '\'')
                .replace('\u2018', '\'')
                .replace('\u201C', '"')
                .replace('\u201D', '"')
                .replace('\u00A0', ' ');
    }

    /**
     * Sentences of a draft, as trimmed spans. A line break always ends one (greetings, sign-offs and list items
     * stand alone); so does . ! or ? followed by white space, except after a title or short abbreviation.
     */
    static List<Span> sentences(String text) {
        List<Span> sentences = new ArrayList<>();
        int start = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            boolean end = false;
            int cut = i + 1;
            if (c == '\n' || c == '\r') {
                end = true;
                cut = i;
            } else if ((c == '.' || c == '!' || c == '?')
                    && (i + 1 == n || Character.isWhitespace(text.charAt(i + 1)))) {
                end = c != '.' || !abbreviation(text, i);
            }
            if (end) {
                add(sentences, text, start, cut);
                start = i + 1;
            }
        }
        add(sentences, text, start, n);
        return sentences;
    }

    private static final Set<String> ABBREVIATIONS =
            Set.of("mr", "mrs", "ms", "dr", "st", "ext", "no", "ref", "approx", "e.g", "i.e", "vs", "etc");

    /** Whether the dot at {@code dot} ends a title or abbreviation ("Mr.", "ext.", "e.g.") rather than a sentence. */
    private static boolean abbreviation(String text, int dot) {
        int start = dot;
        while (start > 0
                && dot - start < 7
                && (Character.isLetter(text.charAt(start - 1)) || text.charAt(start - 1) == '.')) {
            start--;
        }
        return dot - start <= 6
                && ABBREVIATIONS.contains(text.substring(start, dot).toLowerCase(Locale.ROOT));
    }

    private static void add(List<Span> sentences, String text, int start, int end) {
        while (start < end && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        if (end > start) {
            sentences.add(new Span(start, end, text.substring(start, end)));
        }
    }

    static Span span(String text, int start, int end) {
        return new Span(start, end, text.substring(start, end));
    }
}
