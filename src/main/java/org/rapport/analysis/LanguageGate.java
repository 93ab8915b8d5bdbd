package org.rapport.analysis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import opennlp.tools.langdetect.Language;
import opennlp.tools.langdetect.LanguageDetectorME;
import opennlp.tools.langdetect.LanguageDetectorModel;

/**
 * Decides which language a message is in, so only English is scored with the English lexicons and nothing
 * else is ever scored as English. Text that plainly reads as English (many English function words) passes
 * without the model; everything else goes to OpenNLP's 103-language detector. Thread-safe.
 */
public final class LanguageGate {

    /** The answer for text with too few letters to tell. */
    public static final String UNDETERMINED = "und";

    // Function words that are rare in the other languages customers write in; a quarter of the words being
    // among them is English beyond reasonable doubt, and saves the model's cost on most messages.
    private static final Set<String> ENGLISH = Set.of(
            "the",
            "and",
            "you",
            "your",
            "are",
            "were",
            "have",
            "has",
            "this",
            "that",
            "with",
            "for",
            "not",
            "my",
            "it",
            "of",
            "to",
            "we",
            "our",
            "they",
            "what",
            "when",
            "why",
            "would",
            "could",
            "should",
            "been",
            "can't",
            "don't",
            "didn't",
            "it's",
            "i'm",
            "i've",
            "please",
            "thanks",
            "thank",
            "there",
            "their",
            "just",
            "still",
            "again",
            "from",
            "about",
            "because",
            "but",
            "hi",
            "hello",
            "order",
            "arrived",
            "received",
            "fine",
            "got",
            "need",
            "help",
            "did",
            "does",
            "here",
            "now",
            "today",
            "yes",
            "if",
            "how",
            "where",
            "who",
            "which",
            "any",
            "some",
            "one",
            "since",
            "after",
            "before",
            "never",
            "always",
            "can",
            "do",
            "all",
            "no",
            "me",
            "is",
            "was",
            "will");
    private static final Map<String, String> TWO_LETTER = Map.ofEntries(
            Map.entry("eng", "en"),
            Map.entry("deu", "de"),
            Map.entry("fra", "fr"),
            Map.entry("spa", "es"),
            Map.entry("nld", "nl"),
            Map.entry("ita", "it"),
            Map.entry("por", "pt"),
            Map.entry("pol", "pl"),
            Map.entry("swe", "sv"),
            Map.entry("dan", "da"),
            Map.entry("nor", "no"),
            Map.entry("nob", "no"),
            Map.entry("fin", "fi"),
            Map.entry("tur", "tr"),
            Map.entry("rus", "ru"),
            Map.entry("ukr", "uk"),
            Map.entry("ces", "cs"),
            Map.entry("ell", "el"),
            Map.entry("jpn", "ja"),
            Map.entry("zho", "zh"),
            Map.entry("cmn", "zh"),
            Map.entry("kor", "ko"),
            Map.entry("ara", "ar"),
            Map.entry("heb", "he"));
    private static final int MIN_LETTERS = 12;
    private static final double ENGLISH_SHARE = 0.3;

    static final int SAMPLE = 1_000;
    static final int MODEL_SAMPLE = 400;
    private static final int MANY_ENGLISH = 12;
    private static final double ENGLISH_SHARE_AMID_NOISE = 0.15;

    private final LanguageDetectorModel model;

    public LanguageGate() {
        try (InputStream in = LanguageGate.class.getResourceAsStream("/langdetect-183.bin")) {
            if (in == null) {
                throw new IllegalStateException(
                        "the OpenNLP language model (langdetect-183.bin) is not on the classpath");
            }
            this.model = new LanguageDetectorModel(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the OpenNLP language model", e);
        }
    }

    /** ISO 639-1 code where one exists (else OpenNLP's ISO 639-3 code), or {@link #UNDETERMINED}. */
    public String detect(String whole) {
        if (whole == null) {
            return UNDETERMINED;
        }
        // The opening says which language a message is in; the model's cost grows with the length.
        String text = whole.length() <= SAMPLE ? whole : whole.substring(0, SAMPLE);
        int letters = 0;
        int words = 0;
        int english = 0;
        int start = -1;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : ' ';
            boolean inWord = Character.isLetter(c) || (c == '\'' && start >= 0);
            if (Character.isLetter(c)) {
                letters++;
            }
            if (inWord && start < 0) {
                start = i;
            } else if (!inWord && start >= 0) {
                words++;
                if (ENGLISH.contains(text.substring(start, i).toLowerCase(java.util.Locale.ROOT))) {
                    english++;
                }
                start = -1;
            }
        }
        if (letters < MIN_LETTERS) {
            // "Thanks!!" or "??" cannot be told apart by any model; Latin-script short text is read as English.
            return letters > 0 && latin(text) ? "en" : UNDETERMINED;
        }
        if (words > 0 && english >= ENGLISH_SHARE * words && english >= 2) {
            return "en";
        }
        if (english >= MANY_ENGLISH && english >= ENGLISH_SHARE_AMID_NOISE * words) {
            // Long English mail with a log, a table or code pasted in: the pasted part dilutes the share, but
            // this many English function words do not happen in text in another language.
            return "en";
        }
        // The model's cost grows with length (about 0.3 ms per thousand characters); a few sentences are
        // plenty for it, so it reads a shorter opening than the word count above.
        Language best = new LanguageDetectorME(model)
                .predictLanguage(text.length() <= MODEL_SAMPLE ? text : text.substring(0, MODEL_SAMPLE));
        if (best == null) {
            return UNDETERMINED;
        }
        return TWO_LETTER.getOrDefault(best.getLang(), best.getLang());
    }

    private static boolean latin(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isLetter(c) && Character.UnicodeScript.of(c) != Character.UnicodeScript.LATIN) {
                return false;
            }
        }
        return true;
    }
}
