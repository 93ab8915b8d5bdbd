package org.rapport.guidance;

import static org.rapport.guidance.ReplyText.about;
import static org.rapport.guidance.ReplyText.promised;
import static org.rapport.guidance.ReplyText.shares;
import static org.rapport.guidance.ReplyText.words;

import java.util.List;
import org.rapport.analysis.Span;

/**
 * Whether the reply answers this customer: it takes up what they wrote about, and recognises how they feel when they
 * are upset. Judged only when the customer's message is known.
 */
final class AcknowledgementCheck {

    private final Rules rules;

    AcknowledgementCheck(Rules rules) {
        this.rules = rules;
    }

    /** Whether the reply takes up the customer's problem; adds a finding when it does not. */
    boolean onTopic(
            String original,
            Rules.Indexed text,
            CustomerMessage customer,
            List<Span> body,
            List<Promise> promises,
            List<Finding> out) {
        for (Span s : body) {
            Rules.Match offTopic = rules.find("off_topic", text, s.start(), s.end());
            if (offTopic != null) {
                out.add(new Finding(
                        "no_acknowledgement",
                        "medium",
                        null,
                        "'" + original.substring(offTopic.start(), offTopic.end())
                                + "' turns the reply into an upsell or a survey; it does not answer what the customer"
                                + " wrote about.",
                        "Answer their problem first" + about(customer.text())
                                + "; leave offers and surveys for another time."));
                return false;
            }
        }
        for (Span s : body) {
            if (rules.matches("generic", text, s) || rules.matches("scripted_empathy", text, s)) {
                continue;
            }
            // Their words, a promise or an action taken for them, or thanks returned for thanks: the reply is on topic.
            if (shares(customer.words(), words(s.text()))
                    || promised(promises, s)
                    || rules.matches("done", text, s)
                    || (customer.thanking() && rules.matches("thanks_reply", text, s))) {
                return true;
            }
        }
        out.add(new Finding(
                "no_acknowledgement",
                "medium",
                null,
                "No sentence of the reply takes up what the customer wrote about; it reads as a reply to any message.",
                "Start by naming their problem in their words" + about(customer.text()) + ", then answer it."));
        return false;
    }

    void empathy(Rules.Indexed text, CustomerMessage customer, List<Span> body, List<Finding> out) {
        for (Span s : body) {
            // A stock phrase is a different finding; "We're sorry to hear that." on its own names nothing.
            if ((rules.matches("empathy", text, s) && !rules.matches("hollow", s.text()))
                    || rules.matches("scripted_empathy", text, s)) {
                return;
            }
        }
        if (!customer.upset().isEmpty()) {
            out.add(new Finding(
                    "no_empathy",
                    "medium",
                    null,
                    "The customer sounds upset (" + String.join(", ", customer.upset())
                            + ") and no sentence of the reply recognises how they feel.",
                    "Before the facts, add one sentence that names what happened to them" + about(customer.text())
                            + " and how it must feel, e.g. \"I'm sorry — I can see how frustrating this has been.\""));
        }
    }
}
