package org.rapport.wellbeing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.rapport.analysis.Analysis;
import org.rapport.analysis.Cue;

/**
 * Splits a message's text into what an agent reads at once and the abusive passages they only read when
 * they choose to. Only abuse cues are masked: anger at a product or a situation is the customer's to say.
 */
public final class Shield {

    /** A run of text; {@code masked} runs carry the abuse category that caused the mask. */
    public record Segment(String text, boolean masked, String category) {}

    private Shield() {}

    public static List<Segment> segments(String text, Analysis analysis) {
        String body = text == null ? "" : text;
        if (analysis == null || !analysis.abuse().present()) {
            return List.of(new Segment(body, false, null));
        }
        List<Cue> abusive = analysis.cues().stream()
                .filter(c -> c.label().startsWith("abuse:"))
                .filter(c -> c.span().start() >= 0
                        && c.span().end() <= body.length()
                        && c.span().start() < c.span().end())
                .sorted(Comparator.comparingInt(c -> c.span().start()))
                .toList();
        List<Segment> segments = new ArrayList<>();
        int at = 0;
        for (Cue cue : abusive) {
            int start = Math.max(at, cue.span().start());
            int end = clauseEnd(body, cue.span().end());
            if (end <= at) {
                continue; // inside a passage already masked
            }
            if (start > at) {
                segments.add(new Segment(body.substring(at, start), false, null));
            }
            segments.add(
                    new Segment(body.substring(start, end), true, cue.label().substring("abuse:".length())));
            at = end;
        }
        if (at < body.length()) {
            segments.add(new Segment(body.substring(at), false, null));
        }
        return segments;
    }

    // The words that trigger a cue are often the start of the insult ("you are an incompetent …"): the
    // rest of the clause goes under the mask too, up to punctuation or a joining word, at most a few words.
    private static final java.util.Set<String> JOINERS = java.util.Set.of("and", "but", "so", "or", "because", "if");
    private static final int MAX_EXTENSION = Analysis.MASK_REACH;

    static int clauseEnd(String text, int end) {
        int limit = Math.min(text.length(), end + MAX_EXTENSION);
        int at = end;
        while (at < limit) {
            char c = text.charAt(at);
            if (".!?;,:\n()\"".indexOf(c) >= 0) {
                break;
            }
            if (Character.isLetter(c) && (at == 0 || !Character.isLetter(text.charAt(at - 1)))) {
                int wordEnd = at;
                while (wordEnd < text.length() && Character.isLetter(text.charAt(wordEnd))) {
                    wordEnd++;
                }
                if (JOINERS.contains(text.substring(at, wordEnd).toLowerCase(java.util.Locale.ROOT))) {
                    break;
                }
                if (wordEnd > limit) {
                    break;
                }
                at = wordEnd;
                end = wordEnd;
                continue;
            }
            at++;
        }
        return end;
    }

    public static boolean masks(Analysis analysis) {
        return analysis != null && analysis.abuse().present();
    }
}
