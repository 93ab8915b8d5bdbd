package org.rapport.guidance;

import java.util.List;
import org.rapport.analysis.Span;

/**
 * Wording an experienced colleague would strike, sentence by sentence: stock empathy, defensive phrases, absolute
 * guarantees, and admissions of fault the complaint's assessment does not support.
 */
final class WordingCheck {

    private final Rules rules;

    WordingCheck(Rules rules) {
        this.rules = rules;
    }

    void check(String original, Rules.Indexed text, List<Span> body, Assessment judged, List<Finding> out) {
        for (Span s : body) {
            flag(out, "scripted_empathy", "low", original, text, s);
            flag(out, "defensive_language", "medium", original, text, s);
            flag(out, "absolute_guarantee", "high", original, text, s);
            if (judged != Assessment.JUSTIFIED) {
                flag(out, "admits_fault", "high", original, text, s);
            }
        }
    }

    private void flag(
            List<Finding> out, String code, String severity, String original, Rules.Indexed text, Span sentence) {
        Rules.Match m = rules.find(code, text, sentence.start(), sentence.end());
        if (m == null) {
            return;
        }
        String words = original.substring(m.start(), m.end()).strip();
        out.add(new Finding(
                code,
                severity,
                Rules.span(original, sentence.start(), sentence.end()),
                "'" + words + "' " + m.rule().why() + ".",
                m.rule().suggestion()));
    }
}
