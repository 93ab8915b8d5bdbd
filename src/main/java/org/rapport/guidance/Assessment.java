package org.rapport.guidance;

import java.util.Locale;

/**
 * How far a complaint is judged to be justified. It decides how accountable a reply may be: admitting fault is
 * right for a justified complaint and a liability risk for the others, while an apology for the customer's
 * experience fits them all.
 */
public enum Assessment {
    JUSTIFIED,
    PARTLY_JUSTIFIED,
    NOT_JUSTIFIED,
    UNDETERMINED;

    /** Reads "justified", "partly_justified", "not_justified" or "undetermined", in any case; null is undetermined. */
    public static Assessment parse(String value) {
        if (value == null || value.isBlank()) {
            return UNDETERMINED;
        }
        String code = value.strip().toLowerCase(Locale.ROOT);
        for (Assessment a : values()) {
            if (a.code().equals(code)) {
                return a;
            }
        }
        throw new IllegalArgumentException("Unknown complaint assessment '" + value
                + "': expected justified, partly_justified, not_justified or undetermined");
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
