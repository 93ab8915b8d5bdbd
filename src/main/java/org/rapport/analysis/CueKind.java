package org.rapport.analysis;

/**
 * What a cue label does in the scoring. The rules work on one array of kinds per message, by hit, where a
 * dropped cue's kind is null, so the counting and dropping are here beside the kinds.
 */
enum CueKind {
    ANGER,
    STRONG_ANGER,
    PROFANITY,
    SARCASM,
    WORRY,
    GRATITUDE,
    URGENCY,
    ESCALATION,
    LEAVING,
    ABUSE,
    TARGET_STAFF,
    OTHER,
    COMPLAINT,
    DEADLINE,
    REQUEST,
    REPORTED,
    FORMULA,
    ROUTINE,
    RESOLVED,
    PRAISE,
    POLITE,
    ABANDONED,
    VALENCE,
    /** A context label no rule reads yet. */
    CONTEXT;

    /** A negation just before the cue drops it: "not urgent", "I'm not angry". */
    boolean negatable() {
        return this == ANGER
                || this == STRONG_ANGER
                || this == WORRY
                || this == GRATITUDE
                || this == URGENCY
                || this == ESCALATION
                || this == LEAVING
                || this == COMPLAINT
                || this == DEADLINE;
    }

    /** Reported in {@link Analysis#cues()}; the others are context for the rules. */
    boolean finding() {
        return ordinal() <= OTHER.ordinal();
    }

    static CueKind of(String label) {
        return switch (label) {
            case "anger" -> ANGER;
            case "anger:strong" -> STRONG_ANGER;
            case "anger:profanity" -> PROFANITY;
            case "sarcasm" -> SARCASM;
            case "worry" -> WORRY;
            case "gratitude" -> GRATITUDE;
            case "urgency" -> URGENCY;
            case "target:staff" -> TARGET_STAFF;
            case "context:complaint" -> COMPLAINT;
            case "context:deadline" -> DEADLINE;
            case "context:request" -> REQUEST;
            case "context:reported" -> REPORTED;
            case "context:formula" -> FORMULA;
            case "context:routine" -> ROUTINE;
            case "context:resolved" -> RESOLVED;
            case "context:praise" -> PRAISE;
            case "context:polite" -> POLITE;
            case "context:abandoned" -> ABANDONED;
            case "escalation:cancel", "escalation:switch" -> LEAVING;
            default ->
                label.startsWith("escalation:")
                        ? ESCALATION
                        : label.startsWith("abuse:")
                                ? ABUSE
                                : label.startsWith("valence:")
                                        ? VALENCE
                                        : label.startsWith("context:") ? CONTEXT : OTHER;
        };
    }

    static int count(CueKind[] kind, CueKind... wanted) {
        int n = 0;
        for (CueKind k : kind) {
            for (CueKind w : wanted) {
                n += k == w ? 1 : 0;
            }
        }
        return n;
    }

    static void drop(CueKind[] kind, CueKind dropped) {
        for (int h = 0; h < kind.length; h++) {
            if (kind[h] == dropped) {
                kind[h] = null;
            }
        }
    }
}
