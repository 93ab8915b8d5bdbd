package org.rapport.guidance;

import java.util.ArrayList;
import java.util.List;
import org.rapport.analysis.LexiconEmotionClassifier;
import org.rapport.analysis.Span;

/**
 * Checks a reply draft before it is sent, the way an experienced colleague would read it: does it acknowledge the
 * actual problem, show empathy when the customer is upset (and not with a stock phrase), say what we will do and
 * when, stay within the written policy, avoid guarantees and admissions of liability the complaint's assessment does
 * not support, avoid defensive wording, and offer something besides "cannot"?
 *
 * <p>Every rule is explainable: a finding names the words or the missing thing and suggests a better wording. The
 * phrase lists live in {@code guidance/rules.tsv}. Built once and thread-safe; each check prepares its own index of
 * the draft, so patterns are only tried where their first word occurs.
 *
 * <p>The checks themselves are {@link AcknowledgementCheck}, {@link WordingCheck}, {@link NextStepCheck} and
 * {@link PolicyCheck}; this class prepares what they share and runs them in order.
 */
public final class ReplyChecker {

    private final LexiconEmotionClassifier classifier;
    private final Rules rules;
    private final PromiseExtractor extractor;
    private final AcknowledgementCheck acknowledgement;
    private final WordingCheck wording;
    private final NextStepCheck nextStep;
    private final PolicyCheck policy;

    public ReplyChecker(LexiconEmotionClassifier classifier) {
        this(classifier, Rules.standard());
    }

    ReplyChecker(LexiconEmotionClassifier classifier, Rules rules) {
        this.classifier = classifier;
        this.rules = rules;
        this.extractor = new PromiseExtractor(rules);
        for (String label : List.of(
                "scripted_empathy",
                "defensive_language",
                "absolute_guarantee",
                "admits_fault",
                "cannot",
                "cannot_weak")) {
            for (Rules.Rule rule : rules.get(label)) {
                if (rule.why().isEmpty() || rule.suggestion().isEmpty()) {
                    // The agent would see a finding without a reason; better to refuse the rules file.
                    throw new IllegalStateException("guidance/rules.tsv: a " + label + " rule has no explanation or"
                            + " suggestion: " + rule.pattern());
                }
            }
        }
        this.acknowledgement = new AcknowledgementCheck(rules);
        this.wording = new WordingCheck(rules);
        this.nextStep = new NextStepCheck(rules);
        this.policy = new PolicyCheck(rules);
    }

    /**
     * The findings for one draft, in the order of the checks. {@code customerMessage} null means the message is not
     * known: acknowledgement and empathy are then not judged. {@code limits} null or {@link PolicyLimits#NONE}: no
     * policy check.
     */
    public List<Finding> check(String draft, String customerMessage, Assessment assessment, PolicyLimits limits) {
        return review(draft, customerMessage, assessment, limits).findings();
    }

    /** The findings and the promises the draft makes, read once. */
    public record Review(List<Finding> findings, List<Promise> promises) {}

    /** {@link #check}, with the promises the checks read as well. */
    public Review review(String draft, String customerMessage, Assessment assessment, PolicyLimits limits) {
        String original = draft == null ? "" : draft;
        String plain = Rules.plain(original);
        if (plain.isBlank()) {
            return new Review(List.of(), List.of());
        }
        Rules.Indexed text = new Rules.Indexed(plain);
        List<Span> times = DueDates.expressions(plain);
        Assessment judged = assessment == null ? Assessment.UNDETERMINED : assessment;
        CustomerMessage customer = customerMessage == null || customerMessage.isBlank()
                ? null
                : CustomerMessage.read(customerMessage, rules, classifier);
        List<Span> body = ReplyText.body(plain);
        List<Promise> promises = extractor.extract(original, text, times);
        List<Finding> findings = new ArrayList<>();

        boolean onTopic =
                customer == null || acknowledgement.onTopic(original, text, customer, body, promises, findings);
        if (customer != null) {
            acknowledgement.empathy(text, customer, body, findings);
        }
        wording.check(original, text, body, judged, findings);
        boolean onlyCannot = nextStep.onlyCannot(original, text, body, promises, findings);
        nextStep.check(text, times, customer, body, promises, onlyCannot, onTopic, findings);
        if (limits != null && limits != PolicyLimits.NONE) {
            policy.check(original, text, customer, body, promises, limits, findings);
        }
        return new Review(List.copyOf(findings), List.copyOf(promises));
    }
}
