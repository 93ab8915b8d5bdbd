package org.rapport.ticket;

import org.rapport.shared.InvalidValueException;
import org.rapport.shared.SafeHtml;
import org.rapport.shared.Texts;

/**
 * Message bodies as stored: HTML only as {@link SafeHtml} lets it through, and a plain text version for
 * every message.
 */
final class MessageBodies {

    static final int MAX_TEXT = 200_000;
    static final int MAX_HTML = 1_000_000;

    private MessageBodies() {}

    record Body(String text, String html) {}

    static Body of(String text, String html) {
        boolean hasText = text != null && !text.isBlank();
        boolean hasHtml = html != null && !html.isBlank();
        if (!hasText && !hasHtml) {
            throw new InvalidValueException("body", "a message needs a text or an HTML body");
        }
        if (hasHtml && html.length() > MAX_HTML) {
            throw new InvalidValueException("html", "the HTML body is longer than " + MAX_HTML + " characters");
        }
        String safeHtml = hasHtml ? SafeHtml.sanitise(html) : null;
        String plain = hasText ? Texts.block("text", text, MAX_TEXT) : textOf(safeHtml);
        if (plain.length() > MAX_TEXT) {
            plain = plain.substring(0, MAX_TEXT);
        }
        return new Body(plain, safeHtml);
    }

    static String textOf(String html) {
        return SafeHtml.toText(html);
    }
}
