package org.rapport.guidance;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rapport.analysis.Analysis;
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
 */
public final class ReplyChecker {

    private static final Pattern GREETING = Pattern.compile(
            "^(?:hi|hello|hey|dear|good (?:morning|afternoon|evening))\\b[^.!?\\n]{0,60}$", Pattern.CASE_INSENSITIVE);
    private static final Pattern SIGN_OFF_LINE = Pattern.compile("^[^.!?]{1,40}(?:,|[^.!?,])$");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}'-]*");
    private static final Pattern AMOUNT = Pattern.compile(
            "(?<![\\w.,])([€£$]\\s?)?(\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.(\\d{1,2}))?(?![\\d.]\\d)"
                    + "(\\s?(?:euros?|eur|pounds?|gbp|dollars?|usd|€|£|\\$)\\b| in total\\b)?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern MONEY_BEFORE = Pattern.compile(
            "\\b(?:refund\\w*|credit\\w*|reimburs\\w*|waiv\\w*|compensat\\w*)(?: (?:you|of|the|all|full|a|your))*\\s+$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern NOT_MONEY_AFTER = Pattern.compile(
            "^\\s?(?:%|x\\b|-?(?:day|week|month|year|hour|minute|working|business|seat|line|am\\b|pm\\b|time))",
            Pattern.CASE_INSENSITIVE);
    private static final List<String> UPSET_SIGNALS =
            List.of("words", "worry", "repeat", "demand", "problem", "escalation", "shouting", "abuse");
    private static final Pattern PART = Pattern.compile(",\\s+but\\s+|;\\s*");
    private static final Set<String> STOPWORDS =
            Set.of(("a an the and or but if then so to of in on at by for with from as is are"
                            + " was were be been being am i me my mine we us our ours you your yours he him his she her it its they"
                            + " them their this that these those there here what which who whom whose when where why how all any"
                            + " both each few more most other some such no nor not only own same than too very can will just don"
                            + " should now do does did doing have has had having would could may might must shall also about again"
                            + " against between into through during before after above below up down out off over under further"
                            + " once hi hello hey dear thanks thank please regards best kind cheers sorry i'm i've i'll i'd you're"
                            + " you've you'll it's that's there's don't can't won't didn't doesn't isn't wasn't aren't haven't"
                            + " hasn't we're we've we'll we'd they're they'll let get got go going one two three yes ok okay really"
                            + " still even like know want need told tell say said make made see look way well back time thing"
                            + " something anything nothing everything someone anyone nobody team company customer service")
                    .split(" "));

    private final LexiconEmotionClassifier classifier;
    private final Rules rules;
    private final PromiseExtractor extractor;

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
    }

    /**
     * The findings for one draft, in the order of the checks. {@code customerMessage} null means the message is not
     * known: acknowledgement and empathy are then not judged. {@code limits} null or {@link PolicyLimits#NONE}: no
     * policy check.
     */
    public List<Finding> check(String draft, String customerMessage, Assessment assessment, PolicyLimits limits) {
        String original = draft == null ? "" : draft;
        String plain = Rules.plain(original);
        if (plain.isBlank()) {
            return List.of();
        }
        Rules.Indexed text = new Rules.Indexed(plain);
        List<Span> times = DueDates.expressions(plain);
        Assessment judged = assessment == null ? Assessment.UNDETERMINED : assessment;
        Customer customer = customerMessage == null || customerMessage.isBlank() ? null : customer(customerMessage);
        List<Span> body = body(plain);
        List<Promise> promises = extractor.extract(original, text, times);
        List<Finding> findings = new ArrayList<>();

        boolean onTopic = customer == null || acknowledgement(original, text, customer, body, promises, findings);
        if (customer != null) {
            empathy(text, customer, body, findings);
        }
        for (Span s : body) {
            flag(findings, "scripted_empathy", "low", original, text, s);
            flag(findings, "defensive_language", "medium", original, text, s);
            flag(findings, "absolute_guarantee", "high", original, text, s);
            if (judged != Assessment.JUSTIFIED) {
                flag(findings, "admits_fault", "high", original, text, s);
            }
        }
        boolean onlyCannot = onlyCannot(original, text, body, promises, findings);
        nextStep(text, times, customer, body, promises, onlyCannot, onTopic, findings);
        if (limits != null && limits != PolicyLimits.NONE) {
            policy(original, text, customer, body, promises, limits, findings);
        }
        return List.copyOf(findings);
    }

    // --- acknowledgement and empathy ------------------------------------------------------------------------

    /** What the checks need to know about the customer's message, worked out once per check. */
    private record Customer(String text, List<String> upset, boolean thanking, Set<String> words) {}

    private Customer customer(String message) {
        String text = Rules.plain(message);
        List<String> upset = upset(text);
        return new Customer(text, upset, upset.isEmpty() && rules.matches("thanks", text), words(text));
    }

    /** Whether the reply takes up the customer's problem; adds a finding when it does not. */
    private boolean acknowledgement(
            String original,
            Rules.Indexed text,
            Customer customer,
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

    private void empathy(Rules.Indexed text, Customer customer, List<Span> body, List<Finding> out) {
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

    /** The words that show the customer is upset, or an empty list when they do not seem to be. */
    private List<String> upset(String customer) {
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

    // --- wording ---------------------------------------------------------------------------------------------

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

    private boolean onlyCannot(
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

    private void nextStep(
            Rules.Indexed text,
            List<Span> times,
            Customer customer,
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

    // --- policy ----------------------------------------------------------------------------------------------

    private void policy(
            String original,
            Rules.Indexed text,
            Customer customer,
            List<Span> body,
            List<Promise> promises,
            PolicyLimits limits,
            List<Finding> out) {
        boolean approved = rules.matches("approval", text, 0, text.text().length());
        Integer age = customer == null ? null : purchaseAgeDays(customer.text());
        for (Span s : body) {
            if (!promised(promises, s) && !rules.matches("offer", text, s)) {
                continue;
            }
            String problem = null;
            String suggestion = null;
            Matcher parts = PART.matcher(text.text()).region(s.start(), s.end());
            int from = s.start();
            List<int[]> kept = new ArrayList<>();
            while (parts.find()) {
                kept.add(new int[] {from, parts.start()});
                from = parts.end();
            }
            kept.add(new int[] {from, s.end()});
            for (int[] part : kept) {
                int a = part[0];
                int b = part[1];
                if (rules.matches("cannot", text, a, b) || rules.matches("cannot_weak", text, a, b)) {
                    continue;
                }
                String remedy = missingRemedy(text, a, b, limits);
                boolean money = rules.matches("money", text, a, b) || rules.matches("discount", text, a, b);
                Amount amount = money ? largestAmount(text.text(), a, b) : null;
                BigDecimal limit = limit(limits);
                if (remedy != null) {
                    problem = "it offers " + article(remedy) + " " + remedy + ", which the policy does not include"
                            + " (allowed: " + allowed(limits) + ")";
                    suggestion = "Offer one of the remedies the policy allows, or ask a supervisor before offering"
                            + " this.";
                } else if (!approved
                        && amount != null
                        && limit != null
                        && amount.value().compareTo(limit) > 0) {
                    problem = "'" + amount.text() + "' is more than the " + plain(limit)
                            + " an agent may give without a supervisor's approval";
                    suggestion = "Ask a supervisor to approve it and say so (\"I've asked my supervisor to approve the "
                            + amount.text() + "; you'll have an answer by tomorrow\"), or offer up to " + plain(limit)
                            + ".";
                } else if (!approved && amount == null && rules.matches("open_ended", text, a, b)) {
                    problem = "it commits to paying an amount nobody has set";
                    suggestion = "Say what you can cover"
                            + (limit != null ? " (up to " + plain(limit) + ")" : "")
                            + ", or that a supervisor will review the claim and when you will confirm.";
                } else if (age != null
                        && limits.refundDays() != null
                        && age > limits.refundDays()
                        && rules.matches("money", text, a, b)
                        && !approved) {
                    problem = "it refunds a purchase about " + age + " days old, and refunds are allowed within "
                            + limits.refundDays() + " days";
                    suggestion = "Offer what the policy allows after " + limits.refundDays()
                            + " days (a repair or replacement under warranty, say), or ask a supervisor.";
                }
                if (problem != null) {
                    break;
                }
            }
            if (problem != null) {
                out.add(new Finding(
                        "promise_beyond_policy",
                        "high",
                        Rules.span(original, s.start(), s.end()),
                        "Beyond the policy: " + problem + ".",
                        suggestion));
            }
        }
    }

    private String missingRemedy(Rules.Indexed text, int a, int b, PolicyLimits limits) {
        if (rules.matches("money", text, a, b) && !limits.allows("refund") && !rules.matches("discount", text, a, b)) {
            // A policy may allow account credit or vouchers without allowing money back.
            boolean credit = rules.matches("credit", text, a, b);
            if (!credit || !limits.allows("credit")) {
                return credit ? "credit" : "refund";
            }
        }
        for (String remedy : List.of("replacement", "repair", "callback", "discount")) {
            if (!limits.allows(remedy) && rules.matches(remedy, text, a, b)) {
                return remedy;
            }
        }
        return null;
    }

    private static BigDecimal limit(PolicyLimits limits) {
        BigDecimal max = limits.refundMax();
        BigDecimal supervisor = limits.supervisorAbove();
        if (max == null) {
            return supervisor;
        }
        return supervisor == null ? max : max.min(supervisor);
    }

    /** A sum of money in the draft, as written. */
    private record Amount(BigDecimal value, String text) {}

    /** The largest sum of money in [a, b): "149 euros", "£20", "refunded the 299", "50 in total". */
    private Amount largestAmount(String text, int a, int b) {
        Amount largest = null;
        Matcher m = AMOUNT.matcher(text).region(a, b);
        while (m.find()) {
            boolean marked = m.group(1) != null || m.group(4) != null;
            String before = text.substring(Math.max(a, m.start() - 30), m.start());
            String after = text.substring(m.end(), Math.min(b, m.end() + 12));
            if (!marked
                    && (!MONEY_BEFORE.matcher(before).find()
                            || NOT_MONEY_AFTER.matcher(after).find())) {
                continue;
            }
            String context = text.substring(Math.max(a, m.start() - 25), Math.min(b, m.end() + 25));
            if (rules.matches("customer_pays", context)) {
                continue;
            }
            BigDecimal value =
                    new BigDecimal(m.group(2).replace(",", "") + (m.group(3) != null ? "." + m.group(3) : ""));
            if (largest == null || value.compareTo(largest.value()) > 0) {
                largest = new Amount(value, m.group().strip());
            }
        }
        return largest;
    }

    private Integer purchaseAgeDays(String customer) {
        for (Rules.Rule rule : rules.get("purchase_age")) {
            Matcher m = rule.pattern().matcher(customer);
            if (m.find()) {
                int n = switch (m.group(1).toLowerCase(Locale.ROOT)) {
                    case "a", "an", "one" -> 1;
                    case "two" -> 2;
                    case "three" -> 3;
                    case "four" -> 4;
                    case "five" -> 5;
                    case "six" -> 6;
                    case "seven" -> 7;
                    case "eight" -> 8;
                    case "nine" -> 9;
                    case "ten" -> 10;
                    case "eleven" -> 11;
                    case "twelve" -> 12;
                    default -> Integer.parseInt(m.group(1));
                };
                return n
                        * switch (m.group(2).toLowerCase(Locale.ROOT)) {
                            case "week" -> 7;
                            case "month" -> 30;
                            case "year" -> 365;
                            default -> 1;
                        };
            }
        }
        return null;
    }

    private static String allowed(PolicyLimits limits) {
        return limits.remedies().isEmpty() ? "none" : String.join(", ", new TreeSet<>(limits.remedies()));
    }

    private static String article(String word) {
        return "aeiou".indexOf(word.charAt(0)) >= 0 ? "an" : "a";
    }

    private static String plain(BigDecimal amount) {
        return amount.stripTrailingZeros().toPlainString();
    }

    // --- text helpers ----------------------------------------------------------------------------------------

    /** The sentences between the greeting and the sign-off: what the agent actually says. */
    private static List<Span> body(String text) {
        List<Span> sentences = Rules.sentences(text);
        int from = 0;
        int to = sentences.size();
        if (to > 1 && GREETING.matcher(sentences.getFirst().text()).matches()) {
            from = 1;
        }
        // Sign-off: up to three short trailing lines without sentence punctuation ("Kind regards,", "Lena").
        for (int i = 0; i < 3 && to - 1 > from; i++) {
            Span last = sentences.get(to - 1);
            if (!wholeLine(text, last) || !SIGN_OFF_LINE.matcher(last.text()).matches()) {
                break;
            }
            to--;
        }
        return sentences.subList(from, to);
    }

    private static boolean wholeLine(String text, Span s) {
        boolean startsLine = s.start() == 0
                || text.lastIndexOf('\n', s.start() - 1) >= 0
                        && text.substring(text.lastIndexOf('\n', s.start() - 1) + 1, s.start())
                                .isBlank();
        int newline = text.indexOf('\n', s.end());
        boolean endsLine =
                text.substring(s.end(), newline < 0 ? text.length() : newline).isBlank();
        return startsLine && endsLine;
    }

    private static boolean promised(List<Promise> promises, Span sentence) {
        for (Promise p : promises) {
            if (p.quote().start() < sentence.end() && p.quote().end() > sentence.start()) {
                return true;
            }
        }
        return false;
    }

    /** Content words, reduced to a rough stem so "refunded" meets "refund" and "parcels" meets "parcel". */
    private static Set<String> words(String text) {
        Set<String> words = new HashSet<>();
        if (text == null) {
            return words;
        }
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            String w = m.group().toLowerCase(Locale.ROOT);
            if (w.length() < 3 || STOPWORDS.contains(w)) {
                continue;
            }
            words.add(stem(w));
        }
        return words;
    }

    private static String stem(String word) {
        for (String suffix : List.of("'s", "ing", "ed", "es", "s", "ly")) {
            if (word.endsWith(suffix) && word.length() - suffix.length() >= 3) {
                return word.substring(0, word.length() - suffix.length());
            }
        }
        return word;
    }

    private static boolean shares(Set<String> theirs, Set<String> ours) {
        for (String w : ours) {
            if (theirs.contains(w)) {
                return true;
            }
            // "unlock" takes up "locked", "escalated" takes up "escalate".
            for (String t : theirs) {
                if (t.length() >= 4 && w.length() >= 4 && (w.contains(t) || t.contains(w))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** " (they wrote about 'parcel', 'order', '48213')": the customer's own words, for a concrete suggestion. */
    private static String about(String customer) {
        if (customer == null) {
            return "";
        }
        Set<String> picked = new LinkedHashSet<>();
        Matcher m = WORD.matcher(customer);
        while (m.find() && picked.size() < 3) {
            String w = m.group().toLowerCase(Locale.ROOT);
            if (w.length() >= 4 && !STOPWORDS.contains(w)) {
                picked.add(m.group());
            }
        }
        if (picked.isEmpty()) {
            return "";
        }
        StringJoiner joined = new StringJoiner(", ", " (they wrote about ", ")");
        picked.forEach(w -> joined.add("'" + w + "'"));
        return joined.toString();
    }
}
