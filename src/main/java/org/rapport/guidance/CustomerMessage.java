package org.rapport.guidance;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.rapport.analysis.Analysis;
import org.rapport.analysis.LexiconEmotionClassifier;

/** What the checks need to know about the customer's message, worked out once per check. */
record CustomerMessage(String text, List<String> upset, boolean thanking, Set<String> words) {

    private static final List<String> UPSET_SIGNALS =
            List.of("words", "worry", "repeat", "demand", "problem", "escalation", "shouting", "abuse");

    static CustomerMessage read(String message, Rules rules, LexiconEmotionClassifier classifier) {
        String text = Rules.plain(message);
        List<String> upset = upset(text, rules, classifier);
        return new CustomerMessage(
                text, upset, upset.isEmpty() && rules.matches("thanks", text), ReplyText.words(text));
    }

    /** The words that show the customer is upset, or an empty list when they do not seem to be. */
    private static List<String> upset(String customer, Rules rules, LexiconEmotionClassifier classifier) {
        Analysis analysis = classifier == null ? null : classifier.analyse(customer, "en");
        boolean scored = analysis != null && analysis.analysed();
        // One cue per kind of signal, so "worried" and the classifier's worry count once.
        List<String> cues = new ArrayList<>();
        for (String kind : UPSET_SIGNALS) {
            Rules.Match m = rules.find("upset." + kind, customer);
            if (m != null) {
                cues.add("'" + customer.substring(m.start(), m.end()).strip() + "'");
            } else if (scored && kind.equals("words") && analysis.anger() >= 0.45) {
                cues.add("anger " + analysis.angerLabel());
            } else if (scored && kind.equals("worry") && analysis.worry() > 0) {
                cues.add("worry");
            }
        }
        // A polite question or a thank-you with one stray cue ("again", "worried") is not an upset customer.
        boolean calm = rules.matches("question", customer) || rules.matches("thanks", customer);
        return cues.size() >= (calm ? 2 : 1) ? List.copyOf(cues.subList(0, Math.min(3, cues.size()))) : List.of();
    }
}
