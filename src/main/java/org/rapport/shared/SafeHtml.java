package org.rapport.shared;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.TextNode;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.owasp.html.Sanitizers;

/**
 * HTML from outside is hostile: one policy for every way it comes in (API, email, forms). Only a
 * formatting subset survives: no scripts, styles, forms, event handlers, frames or {@code javascript:}
 * links. Plain links and images stay; whether remote images load is the viewer's decision.
 */
public final class SafeHtml {

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

    private SafeHtml() {}

    /** The last result on this thread: an email's HTML is sanitised when parsed and again when stored. */
    private static final ThreadLocal<String> LAST = new ThreadLocal<>();

    public static String sanitise(String html) {
        if (html != null && html == LAST.get()) {
            return html; // this very string came out of the sanitiser: sanitising is idempotent
        }
        String safe = POLICY.sanitize(html);
        LAST.set(safe);
        return safe;
    }

    /** The readable text of an HTML document, with line breaks where blocks end. */
    public static String toText(String html) {
        Document document = Jsoup.parseBodyFragment(html);
        document.outputSettings().prettyPrint(false);
        document.select("script, style, head, title").remove();
        document.select("br").forEach(br -> br.replaceWith(new TextNode("\n")));
        document.select("p, div, li, tr, h1, h2, h3, h4, h5, h6, blockquote, pre")
                .after("\n");
        return document.body()
                .wholeText()
                .replace('\u00a0', ' ')
                .replaceAll("[ \t]+\n", "\n")
                .replaceAll("\n{3,}", "\n\n")
                .strip();
    }
}
