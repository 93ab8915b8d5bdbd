package org.rapport.guidance;

import java.util.List;
import org.rapport.analysis.Span;

/**
 * Whether the reply leaves the customer knowing what happens next: something besides "cannot", and what we will do
 * and when (or that it is done already).
 */
final class NextStepCheck {

    private final Rules rules;

    NextStepCheck(Rules rules) {
        this.rules = rules;
    }

    /** Whether the reply refuses and offers nothing instead; adds a finding when it does. */
    boolean onlyCannot(
            String original, Rules.Indexed text, List<Span> body, List<Promise> promises, List<Finding> out) {
        Span refusal = null;
        Rules.Match match = null;
        for (String label : List.of("cannot", "cannot_weak")) {
            for (Span s : body) {
                Rules.Match m = rules.find(label, text, s.start(), s.end());
                if (m != null) {
                    refusal = s;
                    match = m;
                    break;
                }
            }
            if (refusal != null) {
                break;
            }
        }
        if (refusal == null || !promises.isEmpty()) {
            return false;
        }
        for (Span s : body) {
            if (rules.matches("offer", text, s) || rules.matches("done", text, s)) {
                return false;
            }
        }
        out.add(new Finding(
                "only_cannot",
                "medium",
                Rules.span(original, refusal.start(), refusal.end()),
                "'" + original.substring(match.start(), match.end()) + "' "
                        + match.rule().why() + ", and the reply offers nothing the customer can have instead.",
                match.rule().suggestion()));
        return true;
    }

    /** Adds a finding when nothing in the reply tells the customer what happens next and when. */
    void check(
            Rules.Indexed text,
            List<Span> times,
            CustomerMessage customer,
            List<Span> body,
            List<Promise> promises,
            boolean onlyCannot,
            boolean onTopic,
            List<Finding> out) {
        if (!onlyCannot) {
            if (customer != null && onTopic && customer.thanking()) {
                // Thanks answered with thanks needs no next step.
                return;
            }
            for (Promise p : promises) {
                if (p.due() != null
                        || rules.matches("event", text, p.quote())
                        || rules.matches("money_done", text, p.quote())
                        || rules.matches("started", text, p.quote())) {
                    return;
                }
            }
            for (Span s : body) {
                if (rules.matches("done", text, s) && !rules.matches("handoff", text, s)) {
                    return;
                }
                if (scheduled(text, times, s)) {
                    return;
                }
            }
        }
        boolean undated = !promises.isEmpty();
        out.add(new Finding(
                "no_next_step",
                "medium",
                null,
                undated
                        ? "The reply promises '" + promises.getFirst().quote().text()
                                + "' but never says when, so the customer cannot plan and nobody can track it."
                        : "No sentence says what we will do next and when; the customer is left waiting without a"
                                + " date.",
                undated
                        ? "Give it a time the team can keep (\"by Thursday\", \"within 2 working days\"), or tie it to"
                                + " an event (\"as soon as the part arrives\")."
                        : "Add what you will do and by when, e.g. \"I'll check with the courier and email you by"
                                + " Thursday.\""));
    }

    /** A sentence that names a future day for something ("The next appointment is on the 14th"). */
    private boolean scheduled(Rules.Indexed text, List<Span> times, Span sentence) {
        for (Span t : times) {
            if (t.start() >= sentence.start() && t.end() <= sentence.end() && !DueDates.isDuration(t.text())) {
                return !rules.matches("past", text, sentence) && !rules.matches("not_promise", text, sentence);
            }
        }
        return false;
    }
}
