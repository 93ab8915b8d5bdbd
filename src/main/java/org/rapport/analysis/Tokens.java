package org.rapport.analysis;

/**
 * One message cut into tokens in a single pass over its characters: words (letters, digits and inner
 * apostrophes), emoticons such as {@code :(} and {@code <3}, and emoji, one per symbol. Each token has
 * its offsets in the message, its vocabulary id (−1 when unknown) and flags about its spelling and about
 * what separates it from the previous token; the scorer and the cue matcher read only these arrays.
 */
final class Tokens {

    /** Only spaces, line breaks, hyphens or quotes since the previous token: a phrase may run on. */
    static final int JOINED = 1;
    /** First token of a clause: after , ; : . ! ? or a line break, or the first of all. */
    static final int CLAUSE = 1 << 1;
    /** First token of a sentence: after . ! ? or a line break. */
    static final int SENTENCE = 1 << 2;
    /** A word (not an emoticon or emoji). */
    static final int WORD = 1 << 3;

    static final int HAS_UPPER = 1 << 4;
    static final int HAS_LOWER = 1 << 5;
    /** Digits only. */
    static final int NUMBER = 1 << 6;
    /** Digits then st, nd, rd or th: 3rd, 21st. */
    static final int ORDINAL = 1 << 7;
    /** Starts with a capital letter. */
    static final int CAPITALISED = 1 << 8;
    /** Ends in n't, so negates what follows whatever the verb. */
    static final int NOT = 1 << 9;
    /** Three or more letters, all capitals, with a vowel: a shouted word rather than an acronym. */
    static final int CAPS_WORD = 1 << 10;
    /** Before a clause ends: the next token, if any, starts a new clause. */
    static final int CLAUSE_END = 1 << 11;
    /**
     * Between quotation marks: someone else's words ("'I understand your frustration'") or scare quotes
     * ("the 'smart' lock"), so not the writer's own stance.
     */
    static final int QUOTED = 1 << 12;
    /** First token after a line break: where greetings and sign-offs ("Best,") stand. */
    static final int LINE_START = 1 << 13;

    final String text;
    int count;
    int[] start;
    int[] end;
    int[] id;
    int[] flags;
    /** Number of '!' in the message. */
    int exclamations;
    /** "!!", "??", "?!" or "!?" somewhere. */
    boolean stackedMarks;

    private Tokens(String text) {
        this.text = text;
        int capacity = Math.max(8, text.length() / 3);
        start = new int[capacity];
        end = new int[capacity];
        id = new int[capacity];
        flags = new int[capacity];
    }

    static Tokens of(String text, Vocabulary vocabulary) {
        Tokens t = new Tokens(text);
        int n = text.length();
        int gap = CLAUSE | SENTENCE;
        char previous = ' ';
        int quoteOpen = -1;
        char quote = 0;
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (isWordStart(c, text, i)) {
                int s = i;
                int e = wordEnd(text, i);
                while (isApostrophe(text.charAt(e - 1))) {
                    e--;
                }
                t.addWord(s, e, gap, vocabulary);
                gap = JOINED;
                // Trailing apostrophes are read as quotation marks or gaps below.
                i = e;
                previous = text.charAt(e - 1);
                continue;
            }
            int emoticon = emoticonEnd(text, i, previous);
            if (emoticon > i) {
                t.add(i, emoticon, gap, vocabulary.find(text, i, emoticon));
                gap = JOINED;
                i = emoticon;
                previous = text.charAt(i - 1);
                continue;
            }
            if (Character.isHighSurrogate(c) || c >= 0x2100) {
                int cp = text.codePointAt(i);
                int width = Character.charCount(cp);
                if (Character.getType(cp) == Character.OTHER_SYMBOL) {
                    t.add(i, i + width, gap, vocabulary.find(text, i, i + width));
                    gap = JOINED;
                } else if (!isInvisible(cp)) {
                    gap &= ~JOINED;
                }
                i += width;
                previous = c;
                continue;
            }
            if (c == '\'' || c == '"' || isQuote(c)) {
                boolean before = Character.isLetterOrDigit(previous);
                boolean after = i + 1 < n && Character.isLetterOrDigit(text.charAt(i + 1));
                if (!before && after && quoteOpen < 0) {
                    quoteOpen = t.count;
                    quote = c;
                } else if (quoteOpen >= 0 && !after && pairs(quote, c)) {
                    for (int k = quoteOpen; k < t.count; k++) {
                        t.flags[k] |= QUOTED;
                    }
                    quoteOpen = -1;
                }
            }
            switch (c) {
                case '\n', '\r' -> {
                    gap |= CLAUSE | SENTENCE | LINE_START;
                    quoteOpen = -1;
                }
                case '.', '?', '…' -> gap = (gap | CLAUSE | SENTENCE) & ~JOINED;
                case '!' -> {
                    gap = (gap | CLAUSE | SENTENCE) & ~JOINED;
                    t.exclamations++;
                }
                case ',', ';', ':', '–', '—' -> gap = (gap | CLAUSE) & ~JOINED;
                default -> {
                    if (!Character.isWhitespace(c)
                            && !Character.isSpaceChar(c)
                            && c != '-'
                            && c != '\''
                            && c != '"'
                            && !isQuote(c)) {
                        gap &= ~JOINED;
                    }
                }
            }
            if ((c == '!' || c == '?') && (previous == '!' || previous == '?')) {
                t.stackedMarks = true;
            }
            previous = c;
            i++;
        }
        if (t.count > 0) {
            t.flags[t.count - 1] |= CLAUSE_END;
        }
        return t;
    }

    /** The token's text; only for findings, never on the scoring path. */
    String text(int token) {
        return text.substring(start[token], end[token]);
    }

    boolean startsWith(int token, String prefix) {
        return end[token] - start[token] >= prefix.length()
                && text.regionMatches(true, start[token], prefix, 0, prefix.length());
    }

    int length(int token) {
        return end[token] - start[token];
    }

    private void addWord(int s, int e, int gap, Vocabulary vocabulary) {
        int f = WORD;
        int letters = 0;
        int upper = 0;
        boolean digits = true;
        for (int k = s; k < e; k++) {
            char c = text.charAt(k);
            if (c >= '0' && c <= '9') {
                continue;
            }
            digits = false;
            if (Character.isUpperCase(c)) {
                f |= HAS_UPPER;
                letters++;
                upper++;
            } else if (Character.isLetter(c)) {
                f |= Character.isLowerCase(c) ? HAS_LOWER : 0;
                letters++;
            }
        }
        if (digits) {
            f |= NUMBER;
        } else if (letters == 2 && e - s > 2 && Character.isDigit(text.charAt(s)) && isOrdinalSuffix(e)) {
            f |= ORDINAL;
        }
        if (Character.isUpperCase(text.charAt(s))) {
            f |= CAPITALISED;
        }
        if (upper >= 3 && upper == letters && hasVowel(s, e)) {
            f |= CAPS_WORD;
        }
        if (e - s >= 3
                && Vocabulary.fold(text.charAt(e - 1)) == 't'
                && isApostrophe(text.charAt(e - 2))
                && Vocabulary.fold(text.charAt(e - 3)) == 'n') {
            f |= NOT;
        }
        int word = vocabulary.find(text, s, e);
        if (word < 0 && e - s > 2 && Vocabulary.fold(text.charAt(e - 1)) == 's' && isApostrophe(text.charAt(e - 2))) {
            // "tomorrow's", "the driver's": the word is what counts when the whole is unknown.
            int stem = vocabulary.find(text, s, e - 2);
            if (stem >= 0) {
                word = stem;
                e -= 2;
            }
        }
        add(s, e, gap | f, word);
    }

    private void add(int s, int e, int f, int word) {
        if (count == start.length) {
            int capacity = count * 2;
            start = java.util.Arrays.copyOf(start, capacity);
            end = java.util.Arrays.copyOf(end, capacity);
            id = java.util.Arrays.copyOf(id, capacity);
            flags = java.util.Arrays.copyOf(flags, capacity);
        }
        if (count > 0 && (f & CLAUSE) != 0) {
            flags[count - 1] |= CLAUSE_END;
        }
        start[count] = s;
        end[count] = e;
        id[count] = word;
        flags[count] = f;
        count++;
    }

    /** Acronyms such as PDF or FCA have none; shouted words do. */
    private boolean hasVowel(int s, int e) {
        for (int k = s; k < e; k++) {
            if ("AEIOUY".indexOf(text.charAt(k)) >= 0) {
                return true;
            }
        }
        return false;
    }

    private boolean isOrdinalSuffix(int e) {
        char a = Vocabulary.fold(text.charAt(e - 2));
        char b = Vocabulary.fold(text.charAt(e - 1));
        return (a == 's' && b == 't') || (a == 'n' && b == 'd') || (a == 'r' && b == 'd') || (a == 't' && b == 'h');
    }

    private static boolean isWordStart(char c, String text, int i) {
        if (c < 128) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        }
        return Character.isLetterOrDigit(text.codePointAt(i));
    }

    private static int wordEnd(String text, int i) {
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
                i++;
            } else if (c < 128 && c != '\'') {
                return i;
            } else if (isApostrophe(c)) {
                i++;
            } else {
                int cp = text.codePointAt(i);
                int type = Character.getType(cp);
                if (!Character.isLetterOrDigit(cp)
                        && type != Character.NON_SPACING_MARK
                        && type != Character.COMBINING_SPACING_MARK) {
                    return i;
                }
                i += Character.charCount(cp);
            }
        }
        return i;
    }

    /** :) :-( ;P =D :/ :| <3 and the like, not inside a word or a time such as 14:02. */
    private static int emoticonEnd(String text, int i, char previous) {
        char c = text.charAt(i);
        int n = text.length();
        if (Character.isLetterOrDigit(previous)) {
            return i;
        }
        if (c == '<') {
            return i + 1 < n && text.charAt(i + 1) == '3' && (i + 2 == n || !Character.isDigit(text.charAt(i + 2)))
                    ? i + 2
                    : i;
        }
        if (c != ':' && c != ';' && c != '=') {
            return i;
        }
        int k = i + 1;
        if (k < n && (text.charAt(k) == '-' || text.charAt(k) == '\'')) {
            k++;
        }
        if (k < n && "()DPp/\\|".indexOf(text.charAt(k)) >= 0) {
            return k + 1 < n && Character.isLetterOrDigit(text.charAt(k + 1)) ? i : k + 1;
        }
        return i;
    }

    private static boolean pairs(char open, char close) {
        return switch (open) {
            case '"', '“' -> close == '"' || close == '”';
            case '\'', '‘' -> close == '\'' || close == '’';
            default -> open == close;
        };
    }

    private static boolean isApostrophe(char c) {
        return c == '\'' || c == '’';
    }

    private static boolean isQuote(char c) {
        return c == '‘' || c == '’' || c == '“' || c == '”' || c == '«' || c == '»';
    }

    /** Variation selectors, joiners and skin tones: parts of an emoji, not separators. */
    private static boolean isInvisible(int cp) {
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK
                || type == Character.FORMAT
                || type == Character.MODIFIER_SYMBOL
                || type == Character.ENCLOSING_MARK;
    }
}
