package org.rapport.analysis;

import java.util.Arrays;

/**
 * Every word the analyser knows (lexicon entries, boosters, negations, cue words), each with a small id,
 * looked up straight from a slice of the message: case and curly apostrophes are folded while hashing,
 * so a token costs no substring and no lower-cased copy. Filled while the classifier is built, read-only
 * after that.
 */
final class Vocabulary {

    private char[][] words = new char[1024][];
    private int size;
    /** Open addressing, id + 1 per slot (0 = free); at most half full. */
    private int[] slots = new int[2048];

    /** The id of {@code word}, added if new; {@code word} is folded first. */
    int add(String word) {
        int existing = find(word, 0, word.length());
        if (existing >= 0) {
            return existing;
        }
        char[] folded = new char[word.length()];
        for (int i = 0; i < folded.length; i++) {
            folded[i] = fold(word.charAt(i));
        }
        if (size == words.length) {
            words = Arrays.copyOf(words, size * 2);
        }
        words[size] = folded;
        if (2 * (size + 1) > slots.length) {
            rehash(slots.length * 2);
        }
        insert(size, hash(folded, 0, folded.length));
        return size++;
    }

    /** The id of the word {@code text[start, end)} ignoring case, or −1. */
    int find(CharSequence text, int start, int end) {
        int h = 0;
        for (int i = start; i < end; i++) {
            h = 31 * h + fold(text.charAt(i));
        }
        int mask = slots.length - 1;
        for (int slot = spread(h) & mask; ; slot = (slot + 1) & mask) {
            int entry = slots[slot];
            if (entry == 0) {
                return -1;
            }
            char[] word = words[entry - 1];
            if (word.length == end - start && same(word, text, start)) {
                return entry - 1;
            }
        }
    }

    int size() {
        return size;
    }

    String word(int id) {
        return new String(words[id]);
    }

    /** Lower case, and the typographic apostrophes as a plain one: what a lexicon key looks like. */
    static char fold(char c) {
        if (c < 128) {
            return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
        }
        return c == '’' || c == '‘' ? '\'' : Character.toLowerCase(c);
    }

    private static boolean same(char[] word, CharSequence text, int start) {
        for (int i = 0; i < word.length; i++) {
            if (word[i] != fold(text.charAt(start + i))) {
                return false;
            }
        }
        return true;
    }

    private static int hash(char[] word, int start, int end) {
        int h = 0;
        for (int i = start; i < end; i++) {
            h = 31 * h + word[i];
        }
        return h;
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }

    private void insert(int id, int h) {
        int mask = slots.length - 1;
        int slot = spread(h) & mask;
        while (slots[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        slots[slot] = id + 1;
    }

    private void rehash(int capacity) {
        slots = new int[capacity];
        for (int id = 0; id < size; id++) {
            insert(id, hash(words[id], 0, words[id].length));
        }
    }
}
