package org.rapport.guidance;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Works out the prefixes a pattern's first word can have, for patterns that start at a word boundary with
 * literal words, optional groups or alternatives of them ({@code \b(?:(?:entirely|all) )?our (?:fault|...)}
 * gives entirely, all, our). Returns null for anything else: such a pattern is simply tried everywhere.
 */
final class FirstWords {

    private final String re;
    private int i;

    private FirstWords(String re) {
        this.re = re;
    }

    static String[] of(String regex) {
        FirstWords parser = new FirstWords(regex);
        Result r = parser.alternation(false);
        if (r == null || r.nullable() || parser.i != regex.length() || r.words().isEmpty()) {
            return null;
        }
        return r.words().toArray(String[]::new);
    }

    private record Result(Set<String> words, boolean nullable) {}

    private static final Set<String> DIGITS = Set.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    /** Alternatives up to a closing parenthesis or the end; null when a start cannot be worked out. */
    private Result alternation(boolean boundary) {
        Set<String> words = new LinkedHashSet<>();
        boolean nullable = false;
        boolean known = true;
        while (true) {
            Result r = sequence(boundary);
            if (r == null) {
                known = false;
            } else {
                words.addAll(r.words());
                nullable |= r.nullable();
            }
            if (i < re.length() && re.charAt(i) == '|') {
                i++;
                continue;
            }
            return known ? new Result(words, nullable) : null;
        }
    }

    private Result sequence(boolean boundary) {
        Set<String> words = new LinkedHashSet<>();
        boolean seenBoundary = boundary;
        while (i < re.length()) {
            char c = re.charAt(i);
            if (c == '|' || c == ')') {
                return new Result(words, true);
            }
            if (re.startsWith("\\b", i)) {
                i += 2;
                seenBoundary = true;
                continue;
            }
            if (re.startsWith("(?<!", i) || re.startsWith("(?<=", i)) {
                // A lookbehind consumes nothing: the first word is what follows it.
                if (!skipGroup()) {
                    return null;
                }
                continue;
            }
            Result item;
            if (re.startsWith("(?:", i) || (c == '(' && i + 1 < re.length() && re.charAt(i + 1) != '?')) {
                i += re.startsWith("(?:", i) ? 3 : 1;
                item = alternation(seenBoundary);
                if (i >= re.length() || re.charAt(i) != ')') {
                    return null;
                }
                i++;
                if (item == null) {
                    skipSequence();
                    return null;
                }
                if (optionalQuantifier()) {
                    item = new Result(item.words(), true);
                }
            } else if (re.startsWith("\\d", i) && seenBoundary) {
                // A number: any word starting with a digit.
                i += 2;
                item = new Result(DIGITS, optionalQuantifier());
            } else if (Character.isLetterOrDigit(c) && seenBoundary) {
                int start = i;
                while (i < re.length() && Character.isLetterOrDigit(re.charAt(i))) {
                    i++;
                }
                String word = re.substring(start, i);
                if (optionalQuantifier()) {
                    word = word.substring(0, word.length() - 1);
                }
                if (word.isEmpty()) {
                    skipSequence();
                    return null;
                }
                item = new Result(Set.of(word.toLowerCase(Locale.ROOT)), false);
            } else {
                skipSequence();
                return null;
            }
            words.addAll(item.words());
            if (!item.nullable()) {
                skipSequence();
                return new Result(words, false);
            }
        }
        return new Result(words, true);
    }

    /** Skips a parenthesised group starting at {@code i}; false when it is not closed. */
    private boolean skipGroup() {
        int depth = 0;
        while (i < re.length()) {
            char c = re.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            i++;
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return true;
            }
        }
        return false;
    }

    /** Consumes a quantifier after an item; true when it lets the item be absent. */
    private boolean optionalQuantifier() {
        if (i >= re.length()) {
            return false;
        }
        char q = re.charAt(i);
        boolean optional = q == '?' || q == '*' || re.startsWith("{0", i);
        if (q == '?' || q == '*' || q == '+') {
            i++;
        } else if (q == '{') {
            i = re.indexOf('}', i) + 1;
        } else {
            return false;
        }
        if (i < re.length() && (re.charAt(i) == '?' || re.charAt(i) == '+')) {
            i++;
        }
        return optional;
    }

    /** Skips to the end of the current alternative: the next '|' or ')' at this depth. */
    private void skipSequence() {
        int depth = 0;
        while (i < re.length()) {
            char c = re.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == '[') {
                i++;
                while (i < re.length() && re.charAt(i) != ']') {
                    i += re.charAt(i) == '\\' ? 2 : 1;
                }
                i++;
                continue;
            }
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                if (depth == 0) {
                    return;
                }
                depth--;
            } else if (c == '|' && depth == 0) {
                return;
            }
            i++;
        }
    }
}
