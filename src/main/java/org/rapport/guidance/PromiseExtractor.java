package org.rapport.guidance;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rapport.analysis.Span;

/**
 * Finds our commitments in a reply draft: first-person future actions ("I'll call you tomorrow"), outcomes we
 * stand behind ("it will reach your card within 5 business days"), conditional ones ("if it hasn't arrived, I'll
 * send a replacement") and actions under way whose result the customer still waits for ("I've refunded the 45
 * euros"). Actions finished in full ("I've cancelled the contract"), refusals and vague intentions without a time
 * ("we'll look into it") are not promises: nothing can be tracked against them.
 *
 * <p>Works clause by clause: a sentence is cut at semicolons, colons, "so", "but" and "and" before a new subject,
 * then an action under way and its announced outcome are joined again into one promise. Thread-safe.
 */
public final class PromiseExtractor {

    private static final Pattern SEPARATOR = Pattern.compile(
            // The lookahead lets the scan skip most characters at once.
            "(?=[\\s;:,])(?:\\s*;\\s*|:\\s+|,\\s+but\\s+"
                    + "|,?\\s+so\\s+(?:that\\s+)?(?=(?:of course\\s+)?(?:you|we|I|it|they|he|she|nothing|no|nobody|this|that|there)\\b)"
                    + "|,\\s+and,?\\s+"
                    + "|\\s+and,?\\s+(?=(?:I|we|you|he|she|they|it|the \\w+|our \\w+|your \\w+|while|if|once)\\b))",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern AND =
            Pattern.compile("(?=[,\\s])(?:,?\\s+and\\s+(?!(?:will|should|would|'ll|can)\\b))");
    private static final Pattern CONDITION =
            Pattern.compile("^(?:if|once|when|unless|in case)\\b[^,]*,\\s*", Pattern.CASE_INSENSITIVE);
    /** A clause that names who acts; one that does not ("and send you a letter") continues the previous subject. */
    private static final Pattern HAS_SUBJECT = Pattern.compile(
            "^(?:(?:if|once|when|while)\\b[^,]*,\\s*)?(?:I|we|you|he|she|they|it|this|that|these|those|there|the|our"
                    + "|your|my|a|an|one|no|nothing|nobody|for|after|before|if|once|when|while|then|so)\\b",
            Pattern.CASE_INSENSITIVE);

    private static final Pattern FIRST_PERSON = Pattern.compile("^(?:I|we)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern PAST_TIME = Pattern.compile("\\b(?:from|since|last)\\s+$", Pattern.CASE_INSENSITIVE);
    private static final Pattern SUBJECT = Pattern.compile(
            "\\b(?:I|we)(?:'ll|'ve| will| have| shall)(?: just| also| now| already| then)?\\b",
            Pattern.CASE_INSENSITIVE);
    /** Most specific first: "call you to confirm the refund" is a callback, "email you when it ships" a follow-up. */
    private static final List<String> KIND_ORDER =
            List.of("callback", "follow_up", "repair", "replacement", "refund", "shipment");

    private enum Join {
        START,
        SEMICOLON,
        AND,
        OTHER
    }

    /**
     * A piece of a sentence and what it is: a promise, an action under way ("I've asked the depot"), a step asked of
     * the customer ("reply 'confirm'"), with a time or an event to hold it to, in the first person, moving money.
     * {@code kindFrom} is where the words that decide the promise's kind begin.
     */
    private record Clause(
            int start,
            int end,
            int kindFrom,
            Join join,
            boolean promise,
            boolean started,
            boolean imperative,
            boolean timed,
            boolean firstPerson,
            boolean money) {}

    private final Rules rules;

    public PromiseExtractor() {
        this(Rules.standard());
    }

    PromiseExtractor(Rules rules) {
        this.rules = rules;
    }

    public List<Promise> extract(String draft) {
        String text = Rules.plain(draft);
        if (text.isBlank()) {
            return List.of();
        }
        return extract(draft, new Rules.Indexed(text), DueDates.expressions(text));
    }

    /** For a caller that has prepared the draft already: its plain, indexed text and its time expressions. */
    List<Promise> extract(String draft, Rules.Indexed doc, List<Span> times) {
        List<Promise> promises = new ArrayList<>();
        for (Span sentence : Rules.sentences(doc.text())) {
            if (sentence.text().endsWith("?")) {
                continue;
            }
            List<Clause> merged = merge(clauses(doc, sentence, times));
            for (Clause c : merged) {
                if (c.promise()) {
                    promises.add(promise(draft, doc, c, times));
                }
            }
        }
        return List.copyOf(promises);
    }

    /** The clauses of one sentence, classified. */
    private List<Clause> clauses(Rules.Indexed doc, Span sentence, List<Span> times) {
        String text = doc.text();
        List<int[]> cuts = new ArrayList<>();
        List<Join> joins = new ArrayList<>();
        Matcher m = SEPARATOR.matcher(text).region(sentence.start(), sentence.end());
        int from = sentence.start();
        Join join = Join.START;
        while (m.find()) {
            if (inside(times, m.start())) {
                continue;
            }
            cutAtTimedAnd(text, from, m.start(), times, cuts, joins, join);
            join = m.group().contains(";") ? Join.SEMICOLON : m.group().contains("and") ? Join.AND : Join.OTHER;
            from = m.end();
        }
        cutAtTimedAnd(text, from, sentence.end(), times, cuts, joins, join);

        List<Clause> clauses = new ArrayList<>();
        String subject = "";
        for (int i = 0; i < cuts.size(); i++) {
            int start = cuts.get(i)[0];
            int end = cuts.get(i)[1];
            String clause = text.substring(start, end);
            // "I'll close the accounts this week and send you a letter by Friday": the second half keeps the subject.
            boolean inherits = cuts.get(i)[2] == 1
                    || (joins.get(i) == Join.AND && !HAS_SUBJECT.matcher(clause).find());
            String read = inherits && !subject.isEmpty() ? subject + clause : null;
            Matcher s = SUBJECT.matcher(clause);
            if (s.find()) {
                subject = clause.substring(0, s.end()) + " ";
            }
            clauses.add(classify(doc, read, start, end, joins.get(i), timed(text, times, start, end)));
        }
        return clauses;
    }

    /**
     * Cuts [from, to) at an "and" with a time expression on both sides: two dated actions are two promises
     * ("I'll close the accounts this week and send you a letter by next Friday").
     */
    private static void cutAtTimedAnd(
            String text, int from, int to, List<Span> times, List<int[]> cuts, List<Join> joins, Join join) {
        Matcher and = AND.matcher(text).region(from, to);
        int start = from;
        Join current = join;
        int inherits = 0;
        while (and.find()) {
            if (inside(times, and.start()) || !overlaps(times, start, and.start()) || !overlaps(times, and.end(), to)) {
                continue;
            }
            cuts.add(new int[] {start, and.start(), inherits});
            joins.add(current);
            start = and.end();
            current = Join.AND;
            inherits = 1;
        }
        if (to > start) {
            cuts.add(new int[] {start, to, inherits});
            joins.add(current);
        }
    }

    /**
     * What a clause is. It is read in place in the draft, or, when it borrows the subject of the clause before it,
     * as that subject plus its own words ({@code read}).
     */
    private Clause classify(Rules.Indexed doc, String read, int start, int end, Join join, boolean timed) {
        int main = start;
        Matcher condition = CONDITION.matcher(read != null ? read : doc.text());
        if (read == null && condition.region(start, end).lookingAt()) {
            main = condition.end();
        }
        boolean negated = read != null
                ? rules.matches("not_promise", CONDITION.matcher(read).replaceFirst(""))
                : rules.matches("not_promise", doc, main, end);
        boolean committed = has("commit", doc, read, start, end)
                || has("money_done", doc, read, start, end)
                || (timed && has("timed", doc, read, start, end));
        boolean event = has("event", doc, read, start, end);
        boolean vague = !timed && !event && has("vague", doc, read, start, end);
        boolean promise = committed && !negated && !vague;
        return new Clause(
                start,
                end,
                start,
                join,
                promise,
                !negated && has("started", doc, read, start, end),
                has("imperative", doc, read, start, end),
                timed || event,
                FIRST_PERSON.matcher(doc.text()).region(start, end).lookingAt(),
                has("money_done", doc, read, start, end));
    }

    private boolean has(String label, Rules.Indexed doc, String read, int start, int end) {
        return read != null ? rules.matches(label, read) : rules.matches(label, doc, start, end);
    }

    /**
     * Joins what belongs together: an action under way with its outcome ("I've refunded it; it will show within 5
     * days"), a customer's step with what we then do ("reply 'confirm' and I'll book it"), and an undated detail
     * with the promise it elaborates ("it will be delivered on Tuesday, and the crew will assemble it").
     */
    private static List<Clause> merge(List<Clause> clauses) {
        List<Clause> out = new ArrayList<>();
        for (Clause c : clauses) {
            Clause prev = out.isEmpty() ? null : out.getLast();
            boolean joined = c.join() == Join.SEMICOLON || c.join() == Join.AND;
            if (prev != null && joined && c.promise()) {
                // An outcome is what then happens to the customer, not a further action of ours ("and I'll call").
                boolean outcome = prev.started() && !c.firstPerson();
                boolean afterStep = prev.imperative() && !prev.promise() && c.join() == Join.AND;
                boolean detail = prev.promise() && c.join() == Join.AND && !c.money() && (!prev.timed() || !c.timed());
                if (outcome || afterStep || detail) {
                    out.set(
                            out.size() - 1,
                            new Clause(
                                    prev.start(),
                                    c.end(),
                                    afterStep ? c.start() : prev.kindFrom(),
                                    prev.join(),
                                    true,
                                    c.started(),
                                    false,
                                    prev.timed() || c.timed(),
                                    prev.firstPerson(),
                                    prev.money() || c.money()));
                    continue;
                }
            }
            out.add(c);
        }
        return out;
    }

    private Promise promise(String draft, Rules.Indexed doc, Clause c, List<Span> times) {
        String text = doc.text();
        int start = c.start();
        int end = c.end();
        while (end > start && ".,;: !".indexOf(text.charAt(end - 1)) >= 0) {
            end--;
        }
        Span due = null;
        Span hedged = null;
        for (Span t : times) {
            if (t.start() >= start && t.end() <= end) {
                // "usually within 24 hours" is a hint, not the commitment; prefer an unhedged time.
                boolean hedge = rules.matches("hedge", text.substring(Math.max(start, t.start() - 15), t.start()));
                if (hedge) {
                    hedged = t;
                } else {
                    due = t;
                }
            }
        }
        if (due == null) {
            due = hedged;
        }
        return new Promise(
                kind(doc, c.kindFrom(), end),
                Rules.span(draft, start, end),
                due == null ? null : Rules.span(draft, due.start(), due.end()));
    }

    private String kind(Rules.Indexed text, int start, int end) {
        for (String kind : KIND_ORDER) {
            if (rules.matches("kind." + kind, text, start, end)) {
                return kind;
            }
        }
        return "other";
    }

    /** Whether [start, end) names a time that is still to come; "from Saturday afternoon" is history. */
    private static boolean timed(String text, List<Span> times, int start, int end) {
        for (Span t : times) {
            if (t.start() < end
                    && t.end() > start
                    && !PAST_TIME
                            .matcher(text.substring(Math.max(0, t.start() - 8), t.start()))
                            .find()) {
                return true;
            }
        }
        return false;
    }

    private static boolean inside(List<Span> times, int position) {
        for (Span t : times) {
            if (position > t.start() && position < t.end()) {
                return true;
            }
        }
        return false;
    }

    private static boolean overlaps(List<Span> times, int start, int end) {
        for (Span t : times) {
            if (t.start() < end && t.end() > start) {
                return true;
            }
        }
        return false;
    }
}
