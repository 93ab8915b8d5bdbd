package org.rapport.analysis;

import java.util.List;

/**
 * What a customer's message shows: overall valence (−1…1), anger/frustration, worry and gratitude
 * intensities (0…1), urgency, escalation kinds, abuse aimed at people, and the cues behind each.
 * {@code analysed} is false for text not in English (scored only when a lexicon exists for it).
 */
public record Analysis(
        boolean analysed,
        String language,
        double valence,
        String valenceLabel,
        double anger,
        String angerLabel,
        double worry,
        double gratitude,
        boolean urgent,
        List<String> escalation,
        Abuse abuse,
        List<Cue> cues) {

    /**
     * Whether the cue's words lie in or just after an abusive passage. Pages mask those passages (to the end
     * of the clause, at most {@link #MASK_REACH} characters on), so their words must not show elsewhere:
     * in a tooltip, in the audit trail.
     */
    public static boolean insideAbuse(Analysis analysis, Cue cue) {
        return !cue.label().startsWith("abuse:")
                && analysis.cues().stream()
                        .filter(c -> c.label().startsWith("abuse:"))
                        .anyMatch(c -> c.span().start() < cue.span().end()
                                && cue.span().start() < c.span().end() + MASK_REACH);
    }

    /** How far past an abusive cue's words a mask may reach (the rest of the insult's clause). */
    public static final int MASK_REACH = 40;

    /** The result for text that is not scored: another language, or mail a machine sent. */
    public static Analysis notAnalysed(String language) {
        return new Analysis(
                false, language, 0, "not analysed", 0, "not analysed", 0, 0, false, List.of(), Abuse.NONE, List.of());
    }

    /** Abuse aimed at a person: category (insult, threat, harassment, slur), severity and target. */
    public record Abuse(String category, String severity, String target) {
        public static final Abuse NONE = new Abuse("none", "none", "none");

        public boolean present() {
            return !category.equals("none");
        }
    }
}
