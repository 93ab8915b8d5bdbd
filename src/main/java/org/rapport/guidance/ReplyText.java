package org.rapport.guidance;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rapport.analysis.Span;

/** How the reply checks read plain text: the body of a draft, content words, and where a promise stands. */
final class ReplyText {

    private static final Pattern GREETING = Pattern.compile(
            "^(?:hi|hello|hey|dear|good (?:morning|afternoon|evening))\\b[^.!?\\n]{0,60}$", Pattern.CASE_INSENSITIVE);
    private static final Pattern SIGN_OFF_LINE = Pattern.compile("^[^.!?]{1,40}(?:,|[^.!?,])$");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}'-]*");
    private static final Set<String> STOPWORDS =
            Set.of(("a an the and or but if then so to of in on at by for with from as is are"
                            + " was were be been being am i me my mine we us our ours you your yours he him his she her it its they"
                            + " them their this that these those there here what which who whom whose when where why how all any"
                            + " both each few more most other some such no nor not only own same than too very can will just don"
                            + " should now do does did doing have has had having would could may might must shall also about again"
                            + " against between into through during before after above below up down out off over under further"
                            + " once hi hello hey dear thanks thank please regards best kind cheers sorry i'm i've i'll i'd you're"
                            + " you've you'll it's that's there's don't can't won't didn't doesn't isn't wasn't aren't haven't"
                            + " hasn't we're we've we'll we'd they're they'll let get got go going one two three yes ok okay really"
                            + " still even like know want need told tell say said make made see look way well back time thing"
                            + " something anything nothing everything someone anyone nobody team company customer service")
                    .split(" "));

    private ReplyText() {}

    /** The sentences between the greeting and the sign-off: what the agent actually says. */
    static List<Span> body(String text) {
        List<Span> sentences = Rules.sentences(text);
        int from = 0;
        int to = sentences.size();
        if (to > 1 && GREETING.matcher(sentences.getFirst().text()).matches()) {
            from = 1;
        }
        // Sign-off: up to three short trailing lines without sentence punctuation ("Kind regards,", "Lena").
        for (int i = 0; i < 3 && to - 1 > from; i++) {
            Span last = sentences.get(to - 1);
            if (!wholeLine(text, last) || !SIGN_OFF_LINE.matcher(last.text()).matches()) {
                break;
            }
            to--;
        }
        return sentences.subList(from, to);
    }

    private static boolean wholeLine(String text, Span s) {
        boolean startsLine = s.start() == 0
                || text.lastIndexOf('\n', s.start() - 1) >= 0
                        && text.substring(text.lastIndexOf('\n', s.start() - 1) + 1, s.start())
                                .isBlank();
        int newline = text.indexOf('\n', s.end());
        boolean endsLine =
                text.substring(s.end(), newline < 0 ? text.length() : newline).isBlank();
        return startsLine && endsLine;
    }

    static boolean promised(List<Promise> promises, Span sentence) {
        for (Promise p : promises) {
            if (p.quote().start() < sentence.end() && p.quote().end() > sentence.start()) {
                return true;
            }
        }
        return false;
    }

    /** Content words, reduced to a rough stem so "refunded" meets "refund" and "parcels" meets "parcel". */
    static Set<String> words(String text) {
        Set<String> words = new HashSet<>();
        if (text == null) {
            return words;
        }
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            String w = m.group().toLowerCase(Locale.ROOT);
            if (w.length() < 3 || STOPWORDS.contains(w)) {
                continue;
            }
            words.add(stem(w));
        }
        return words;
    }

    private static String stem(String word) {
        for (String suffix : List.of("'s", "ing", "ed", "es", "s", "ly")) {
            if (word.endsWith(suffix) && word.length() - suffix.length() >= 3) {
                return word.substring(0, word.length() - suffix.length());
            }
        }
        return word;
    }

    static boolean shares(Set<String> theirs, Set<String> ours) {
        for (String w : ours) {
            if (theirs.contains(w)) {
                return true;
            }
            // "unlock" takes up "locked", "escalated" takes up "escalate".
            for (String t : theirs) {
                if (t.length() >= 4 && w.length() >= 4 && (w.contains(t) || t.contains(w))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** " (they wrote about 'parcel', 'order', '48213')": the customer's own words, for a concrete suggestion. */
    static String about(String customer) {
        if (customer == null) {
            return "";
        }
        Set<String> picked = new LinkedHashSet<>();
        Matcher m = WORD.matcher(customer);
        while (m.find() && picked.size() < 3) {
            String w = m.group().toLowerCase(Locale.ROOT);
            if (w.length() >= 4 && !STOPWORDS.contains(w)) {
                picked.add(m.group());
            }
        }
        if (picked.isEmpty()) {
            return "";
        }
        StringJoiner joined = new StringJoiner(", ", " (they wrote about ", ")");
        picked.forEach(w -> joined.add("'" + w + "'"));
        return joined.toString();
    }
}
