package org.rapport.guidance;

import java.util.List;
import org.rapport.analysis.Span;

/**
 * One commitment in a reply: what kind of thing we promised, the words that promise it, and the time expression
 * as the agent wrote it. Every promise sent becomes a tracked commitment, so the quote is what the customer will
 * hold us to.
 *
 * @param kind one of {@link #KINDS}
 * @param quote the promising clause in the draft
 * @param due the time expression inside it, or null when there is none ("as soon as I have it", no time at all)
 */
public record Promise(String kind, Span quote, Span due) {

    public static final List<String> KINDS =
            List.of("callback", "refund", "replacement", "shipment", "follow_up", "repair", "other");
}
