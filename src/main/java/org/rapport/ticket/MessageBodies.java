package org.rapport.ticket;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.owasp.html.Sanitizers;
import org.rapport.shared.InvalidValueException;
import org.rapport.shared.Texts;

/**
 * Message bodies as stored: HTML from outside is hostile, so only a formatting subset survives (no
 * scripts, styles, forms, event handlers or remote content other than plain links and images), and
 * every message has a plain text version.
 */
final class MessageBodies {

    static final int MAX_TEXT = 200_000;
    static final int MAX_HTML = 1_000_000;

    private static final PolicyFactory POLICY = Sanitizers.FORMATTING
            .and(Sanitizers.BLOCKS)
            .and(Sanitizers.LINKS)
            .and(Sanitizers.TABLES)
            .and(Sanitizers.IMAGES)
            .and(new HtmlPolicyBuilder()
                    .allowElements("pre", "code", "hr", "span", "div", "br")
                    .allowAttributes("title")
                    .globally()
                    .toFactory());

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
        String safeHtml = hasHtml ? POLICY.sanitize(html) : null;
        String plain = hasText ? Texts.block("text", text, MAX_TEXT) : textOf(safeHtml);
        if (plain.length() > MAX_TEXT) {
            plain = plain.substring(0, MAX_TEXT);
        }
        return new Body(plain, safeHtml);
    }

    static String textOf(String html) {
        Document document = Jsoup.parseBodyFragment(html);
        document.outputSettings().prettyPrint(false);
        document.select("br").after("\n");
        document.select("p, div, li, tr, h1, h2, h3, h4, h5, h6, blockquote, pre")
                .after("\n");
        return document.body().wholeText().replaceAll("\n{3,}", "\n\n").strip();
    }
}
