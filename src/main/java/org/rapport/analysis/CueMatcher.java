package org.rapport.analysis;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rapport.shared.LabelledLines;

/**
 * Finds the phrases of {@code analysis/cues.tsv} in a message's tokens: all phrases are one trie over
 * word ids, walked from each token, so a message is read once whatever the number of phrases. The few
 * cues that words cannot express are regular expressions, run only on messages that contain one of their
 * trigger words. Within one label matches do not overlap: the leftmost wins, then the longest.
 */
final class CueMatcher {

    private static final int[] NO_INTS = {};
    private static final Node[] NO_NODES = {};
    private static final int MAX_REGEXES = 64;

    /** What was found in one message: label, first and last token + 1 (−1 for a regex), character span. */
    static final class Hits {
        int count;
        int[] label = new int[16];
        int[] first = new int[16];
        int[] last = new int[16];
        int[] from = new int[16];
        int[] to = new int[16];

        void add(int l, int firstToken, int lastToken, int start, int end) {
            if (count == label.length) {
                int capacity = count * 2;
                label = Arrays.copyOf(label, capacity);
                first = Arrays.copyOf(first, capacity);
                last = Arrays.copyOf(last, capacity);
                from = Arrays.copyOf(from, capacity);
                to = Arrays.copyOf(to, capacity);
            }
            label[count] = l;
            first[count] = firstToken;
            last[count] = lastToken;
            from[count] = start;
            to[count] = end;
            count++;
        }
    }

    private record RegexCue(int label, Pattern pattern) {}

    private static final class Node {
        Map<Integer, Node> building = new TreeMap<>();
        Map<String, Node> buildingPrefixes = new LinkedHashMap<>();
        int[] words = NO_INTS;
        Node[] next = NO_NODES;
        String[] prefixes = {};
        Node[] prefixed = NO_NODES;
        Node number;
        Node ordinal;
        Node name;
        Node any;
        int[] labels = NO_INTS;

        Node child(int word) {
            int k = Arrays.binarySearch(words, word);
            return k >= 0 ? next[k] : null;
        }

        void freeze() {
            words = building.keySet().stream().mapToInt(Integer::intValue).toArray();
            next = building.values().toArray(NO_NODES);
            prefixes = buildingPrefixes.keySet().toArray(String[]::new);
            prefixed = buildingPrefixes.values().toArray(NO_NODES);
            building = null;
            buildingPrefixes = null;
            for (Node n : next) {
                n.freeze();
            }
            for (Node n : prefixed) {
                n.freeze();
            }
            for (Node n : new Node[] {number, ordinal, name, any}) {
                if (n != null) {
                    n.freeze();
                }
            }
        }
    }

    private final List<String> labels = new ArrayList<>();
    private final Node root = new Node();
    private final List<RegexCue> regexes = new ArrayList<>();
    private Node[] rootByWord = NO_NODES;
    private long[] triggers = new long[0];

    private CueMatcher() {}

    /** Reads the cue file; its words join {@code vocabulary}. */
    static CueMatcher load(InputStream in, Vocabulary vocabulary) throws IOException {
        CueMatcher matcher = new CueMatcher();
        List<int[]> triggerWords = new ArrayList<>();
        for (LabelledLines.Line line : LabelledLines.read(in, "cues.tsv", "label<TAB>phrase")) {
            int number = line.number();
            int label = matcher.label(line.field(0));
            String phrase = line.field(1);
            if (phrase.length() > 2 && phrase.startsWith("/") && phrase.endsWith("/")) {
                if (line.fields().size() < 3 || matcher.regexes.size() == MAX_REGEXES) {
                    throw new IllegalArgumentException(
                            "cues.tsv line " + number + ": a /regex/ needs trigger words (at most 64 regexes)");
                }
                matcher.regexes.add(new RegexCue(
                        label, Pattern.compile(phrase.substring(1, phrase.length() - 1), Pattern.CASE_INSENSITIVE)));
                triggerWords.add(Arrays.stream(line.field(2).split("[ |]+"))
                        .mapToInt(vocabulary::add)
                        .toArray());
            } else {
                try {
                    matcher.addPhrase(phrase, label, vocabulary);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("cues.tsv line " + number + ": " + e.getMessage(), e);
                }
            }
        }
        matcher.root.freeze();
        matcher.rootByWord = new Node[vocabulary.size()];
        for (int k = 0; k < matcher.root.words.length; k++) {
            matcher.rootByWord[matcher.root.words[k]] = matcher.root.next[k];
        }
        matcher.triggers = new long[vocabulary.size()];
        for (int r = 0; r < triggerWords.size(); r++) {
            for (int word : triggerWords.get(r)) {
                matcher.triggers[word] |= 1L << r;
            }
        }
        return matcher;
    }

    int labelCount() {
        return labels.size();
    }

    String labelName(int label) {
        return labels.get(label);
    }

    /** The id of a label, or −1 if no line has it. */
    int labelId(String name) {
        return labels.indexOf(name);
    }

    /** Every cue in {@code tokens}, phrases first in text order, then regular expressions. */
    Hits match(Tokens tokens) {
        Hits hits = new Hits();
        int labelCount = labels.size();
        int[] best = new int[labelCount];
        int[] nextFree = new int[labelCount];
        int[] touched = new int[labelCount];
        int[] found = new int[1];
        long pending = 0;
        int n = tokens.count;
        int[] ids = tokens.id;
        for (int i = 0; i < n; i++) {
            int word = ids[i];
            Node first = word >= 0 && word < rootByWord.length ? rootByWord[word] : null;
            if (word >= 0 && word < triggers.length) {
                pending |= triggers[word];
            }
            found[0] = 0;
            if (first != null) {
                walk(first, tokens, i + 1, best, touched, found);
            }
            walkOthers(root, tokens, i, best, touched, found);
            for (int k = 0; k < found[0]; k++) {
                int label = touched[k];
                int last = best[label];
                best[label] = 0;
                if (i >= nextFree[label]) {
                    hits.add(label, i, last, tokens.start[i], tokens.end[last - 1]);
                    nextFree[label] = last;
                }
            }
        }
        for (int r = 0; pending != 0 && r < regexes.size(); r++) {
            if ((pending & (1L << r)) != 0) {
                Matcher m = regexes.get(r).pattern().matcher(tokens.text);
                while (m.find()) {
                    hits.add(regexes.get(r).label(), -1, -1, m.start(), m.end());
                }
            }
        }
        return hits;
    }

    /** Follows token {@code i} and the ones after it from {@code node}; records how far each label reaches. */
    private static void walk(Node node, Tokens tokens, int i, int[] best, int[] touched, int[] found) {
        for (int label : node.labels) {
            if (best[label] == 0) {
                touched[found[0]++] = label;
            }
            best[label] = Math.max(best[label], i);
        }
        if (i >= tokens.count || (tokens.flags[i] & Tokens.JOINED) == 0) {
            return;
        }
        int word = tokens.id[i];
        if (word >= 0 && node.words.length > 0) {
            Node next = node.child(word);
            if (next != null) {
                walk(next, tokens, i + 1, best, touched, found);
            }
        }
        walkOthers(node, tokens, i, best, touched, found);
    }

    /** The edges that are not one exact word: prefixes, classes of token, any word. */
    private static void walkOthers(Node node, Tokens tokens, int i, int[] best, int[] touched, int[] found) {
        for (int p = 0; p < node.prefixes.length; p++) {
            if (tokens.startsWith(i, node.prefixes[p])) {
                walk(node.prefixed[p], tokens, i + 1, best, touched, found);
            }
        }
        int flags = tokens.flags[i];
        if (node.number != null && (flags & Tokens.NUMBER) != 0) {
            walk(node.number, tokens, i + 1, best, touched, found);
        }
        if (node.ordinal != null && (flags & Tokens.ORDINAL) != 0) {
            walk(node.ordinal, tokens, i + 1, best, touched, found);
        }
        if (node.name != null && (flags & Tokens.CAPITALISED) != 0) {
            walk(node.name, tokens, i + 1, best, touched, found);
        }
        if (node.any != null && (flags & Tokens.WORD) != 0) {
            walk(node.any, tokens, i + 1, best, touched, found);
        }
    }

    private int label(String name) {
        int k = labels.indexOf(name);
        if (k >= 0) {
            return k;
        }
        labels.add(name);
        return labels.size() - 1;
    }

    /**
     * Adds every word sequence the phrase allows. Syntax: words separated by spaces; {@code a|b} one of
     * these words; {@code (a b|c)} one of these word sequences; {@code [a b|c]} the same, or nothing;
     * {@code word*} a word starting so; {@code *} any word; {@code <number>}, {@code <ordinal>},
     * {@code <Name>} classes of token.
     */
    private void addPhrase(String phrase, int label, Vocabulary vocabulary) {
        List<Node> frontier = List.of(root);
        int k = 0;
        int n = phrase.length();
        while (k < n) {
            char c = phrase.charAt(k);
            if (c == ' ') {
                k++;
            } else if (c == '[' || c == '(') {
                int close = phrase.indexOf(c == '[' ? ']' : ')', k);
                if (close < 0) {
                    throw new IllegalArgumentException("unclosed " + c + " in " + phrase);
                }
                Set<Node> next = new LinkedHashSet<>(c == '[' ? frontier : List.of());
                for (String sequence : phrase.substring(k + 1, close).split("\\|")) {
                    List<Node> reached = frontier;
                    for (String word : sequence.strip().split(" +")) {
                        reached = step(reached, word, vocabulary);
                    }
                    next.addAll(reached);
                }
                frontier = new ArrayList<>(next);
                k = close + 1;
            } else {
                int space = phrase.indexOf(' ', k);
                int stop = space < 0 ? n : space;
                frontier = step(frontier, phrase.substring(k, stop), vocabulary);
                k = stop;
            }
        }
        if (frontier.contains(root)) {
            throw new IllegalArgumentException("a phrase must have at least one word that is not optional");
        }
        for (Node node : frontier) {
            if (Arrays.stream(node.labels).noneMatch(l -> l == label)) {
                node.labels = Arrays.copyOf(node.labels, node.labels.length + 1);
                node.labels[node.labels.length - 1] = label;
            }
        }
    }

    private static List<Node> step(List<Node> frontier, String position, Vocabulary vocabulary) {
        // A set: the frontier of a phrase with many alternatives grows large, and each node counts once.
        Set<Node> next = new LinkedHashSet<>();
        for (String alternative : position.split("\\|")) {
            if (alternative.isEmpty() || alternative.matches(".*[\\[\\]()].*")) {
                throw new IllegalArgumentException("bad word '" + alternative + "' in " + position);
            }
            for (Node node : frontier) {
                next.addAll(children(node, alternative, vocabulary));
            }
        }
        return new ArrayList<>(next);
    }

    private static List<Node> children(Node node, String alternative, Vocabulary vocabulary) {
        switch (alternative) {
            case "*" -> {
                return List.of(node.any = node.any == null ? new Node() : node.any);
            }
            case "<number>" -> {
                return List.of(node.number = node.number == null ? new Node() : node.number);
            }
            case "<ordinal>" -> {
                return List.of(node.ordinal = node.ordinal == null ? new Node() : node.ordinal);
            }
            case "<Name>" -> {
                return List.of(node.name = node.name == null ? new Node() : node.name);
            }
            default -> {}
        }
        if (alternative.endsWith("*")) {
            return List.of(node.buildingPrefixes.computeIfAbsent(
                    alternative.substring(0, alternative.length() - 1).toLowerCase(Locale.ROOT), p -> new Node()));
        }
        int word = vocabulary.add(alternative);
        Tokens alone = Tokens.of(alternative, vocabulary);
        if (alone.count != 1 || alone.length(0) != alternative.length()) {
            // "rip-off" or "wits'" would never match: a message has "rip" "off" and "wits" as its words.
            throw new IllegalArgumentException("'" + alternative + "' is not one word as messages are read");
        }
        // Customers drop apostrophes: "dont", "youre", "ill".
        List<Node> children = new ArrayList<>();
        children.add(node.building.computeIfAbsent(word, w -> new Node()));
        String bare = alternative.replace("'", "").replace("’", "");
        if (!bare.equals(alternative) && !bare.isEmpty()) {
            Node other = node.building.computeIfAbsent(vocabulary.add(bare), w -> new Node());
            if (!children.contains(other)) {
                children.add(other);
            }
        }
        return children;
    }
}
