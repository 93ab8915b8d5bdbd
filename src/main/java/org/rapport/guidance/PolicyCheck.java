package org.rapport.guidance;

import static org.rapport.guidance.ReplyText.promised;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rapport.analysis.Span;

/**
 * Whether what the reply offers stays within the written policy: remedies the policy allows, sums within what an
 * agent may give without approval, no open-ended payments, and refunds only within the refund period.
 */
final class PolicyCheck {

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
    /** Refusal and offer share a sentence ("we cannot refund, but we can repair it"): each clause is judged alone. */
    private static final Pattern PART = Pattern.compile(",\\s+but\\s+|;\\s*");

    private final Rules rules;

    PolicyCheck(Rules rules) {
        this.rules = rules;
    }

    void check(
            String original,
            Rules.Indexed text,
            CustomerMessage customer,
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
}
