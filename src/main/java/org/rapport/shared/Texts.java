package org.rapport.shared;

/** Checks for short texts that people type: names, subjects, labels. */
public final class Texts {

    private Texts() {}

    /**
     * The trimmed text, refused when blank (if required), longer than {@code max} characters or
     * carrying control characters (they break headers, logs and terminals).
     */
    public static String line(String field, String text, int max, boolean required) {
        if (text == null || text.isBlank()) {
            if (required) {
                throw new InvalidValueException(field, field + " must not be empty");
            }
            return null;
        }
        String trimmed = text.strip();
        if (trimmed.length() > max) {
            throw new InvalidValueException(field, field + " is longer than " + max + " characters");
        }
        if (trimmed.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidValueException(field, field + " must not contain control characters");
        }
        return trimmed;
    }

    /** Longer text (notes, bodies): line breaks and tabs allowed, other control characters refused. */
    public static String block(String field, String text, int max) {
        if (text == null) {
            return null;
        }
        if (text.length() > max) {
            throw new InvalidValueException(field, field + " is longer than " + max + " characters");
        }
        if (hasControlCharacters(text)) {
            throw new InvalidValueException(field, field + " must not contain control characters");
        }
        return text;
    }

    /** Whether {@code text} has a control character other than a line break or a tab. */
    public static boolean hasControlCharacters(String text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
                return true;
            }
        }
        return false;
    }

    public static String abbreviate(String text, int max) {
        return text.length() > max ? text.substring(0, max) + "…" : text;
    }
}
