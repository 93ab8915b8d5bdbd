package org.rapport.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Tells people from machines by the headers machines set (RFC 3834 and the conventions that came
 * before it), so that nothing automatic is ever answered automatically and no loop can start.
 */
record Classification(MailKind kind, List<String> reasons) {

    private static final String LOOP_HEADER = MailParser.LOOP_HEADER.toLowerCase(Locale.ROOT);

    static Classification of(Map<String, List<String>> headers, String reportType, Map<String, String> deliveryStatus) {
        List<String> reasons = new ArrayList<>();
        if (headers.containsKey(LOOP_HEADER)) {
            return new Classification(MailKind.LOOP, List.of("X-Rapport-Loop: our own outbound mail"));
        }
        String from = first(headers, "from");
        boolean daemon = from.contains("mailer-daemon@") || from.contains("postmaster@");
        if ("delivery-status".equalsIgnoreCase(reportType)) {
            reasons.add("multipart/report; report-type=delivery-status");
        }
        if (daemon && !deliveryStatus.isEmpty()) {
            reasons.add("delivery status from " + (from.contains("postmaster@") ? "postmaster" : "mailer-daemon"));
        }
        String action = deliveryStatus.getOrDefault("action", "").toLowerCase(Locale.ROOT);
        // Only a mail system reports delivery: a report from an ordinary sender is not trusted as one.
        boolean fromMailSystem = daemon || first(headers, "return-path").equals("<>");
        if (!reasons.isEmpty() && fromMailSystem && (action.isEmpty() || action.equals("failed"))) {
            return new Classification(MailKind.BOUNCE, List.copyOf(reasons));
        }
        reasons.clear();
        String autoSubmitted = first(headers, "auto-submitted");
        if (!autoSubmitted.isEmpty() && !autoSubmitted.equals("no")) {
            reasons.add("Auto-Submitted: " + autoSubmitted);
        }
        String precedence = first(headers, "precedence");
        if (precedence.equals("bulk")
                || precedence.equals("list")
                || precedence.equals("junk")
                || precedence.equals("auto_reply")) {
            reasons.add("Precedence: " + precedence);
        }
        if (headers.containsKey("x-auto-response-suppress")) {
            reasons.add("X-Auto-Response-Suppress: " + first(headers, "x-auto-response-suppress"));
        }
        if (headers.containsKey("x-autoreply") || headers.containsKey("x-autorespond")) {
            reasons.add("X-Autoreply/X-Autorespond present");
        }
        if (headers.containsKey("list-id")) {
            reasons.add("List-Id: mailing list");
        }
        String returnPath = first(headers, "return-path");
        if (returnPath.equals("<>")) {
            reasons.add("Return-Path: <> (null sender)");
        }
        if (daemon) {
            reasons.add("sent by " + (from.contains("postmaster@") ? "postmaster" : "mailer-daemon"));
        }
        return reasons.isEmpty()
                ? new Classification(MailKind.PERSONAL, List.of())
                : new Classification(MailKind.AUTOMATIC, List.copyOf(reasons));
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty()
                ? ""
                : values.getFirst().strip().toLowerCase(Locale.ROOT);
    }
}
