package org.rapport.mail;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What the sender wrote this time: the text above the quoted conversation and above the signature.
 * Covers the quote headers of Gmail, Outlook (desktop and web, several languages), Apple Mail and
 * Thunderbird, "&gt;" quoting, forwarded blocks, "--" signatures and mobile "Sent from my …" lines.
 * When stripping would leave nothing, the whole text is kept: losing words is worse than showing a quote.
 */
public final class ReplyText {

    /** A line that starts the quoted part; everything from it on is history. */
    private static final List<Pattern> QUOTE_STARTS = List.of(
            // Gmail, Apple Mail, Thunderbird: "On Mon, 3 Jun 2024 at 10:15, Anna <anna@example.com> wrote:"
            Pattern.compile(
                    "(?i)^\\s*(on|am|le|el|il|op|em|den|på)\\s.{0,200}(wrote|schrieb|a écrit|escribió|ha scritto|schreef|escreveu|skrev)\\s*:?\\s*$"),
            // The same header wrapped over two lines by the client.
            Pattern.compile(
                    "(?i)^\\s*.{0,200}(wrote|schrieb|a écrit|escribió|ha scritto|schreef|escreveu|skrev)\\s*:\\s*$"),
            // Outlook plain text separators.
            Pattern.compile(
                    "(?i)^\\s*-{2,}\\s*(original message|ursprüngliche nachricht|message d'origine|mensaje original|messaggio originale|oorspronkelijk bericht)\\s*-{2,}\\s*$"),
            Pattern.compile(
                    "(?i)^\\s*-{2,}\\s*(forwarded message|weitergeleitete nachricht|message transféré)\\s*-{2,}\\s*$"),
            Pattern.compile("^\\s*_{20,}\\s*$"),
            // Outlook desktop and web header blocks: "From: … / Sent: …", localised.
            Pattern.compile("(?i)^\\s*\\*?(from|von|de|da|van|från|fra)\\s*:\\*?\\s+.+$"),
            // Quoted lines.
            Pattern.compile("^\\s*>.*$"));

    private static final Pattern OUTLOOK_SECOND_LINE = Pattern.compile(
            "(?i)^\\s*\\*?(sent|gesendet|envoyé|enviado|inviato|verzonden|skickat|sendt|date|datum|to|an|à|para|a|aan|till|til)\\s*:\\*?.*$");

    /** A line that starts the signature; everything from it on is signature. */
    private static final List<Pattern> SIGNATURE_STARTS = List.of(
            Pattern.compile("^-- ?$"),
            Pattern.compile(
                    "(?i)^\\s*(sent from my|gesendet von meinem|envoyé de mon|enviado desde mi|inviato da|verzonden vanaf mijn|get outlook for|sent from (mail|outlook|yahoo mail)).*$"));

    private static final int MAX_HEADER_LINE = 300;

    private ReplyText() {}

    public static String of(String text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        int end = lines.length;
        for (int i = 0; i < lines.length; i++) {
            if (startsQuote(lines, i) || startsSignature(lines[i])) {
                end = i;
                break;
            }
        }
        StringBuilder reply = new StringBuilder();
        for (int i = 0; i < end; i++) {
            reply.append(lines[i]).append('\n');
        }
        String stripped = reply.toString().strip();
        return stripped.isEmpty() ? text.strip() : stripped;
    }

    private static boolean startsQuote(String[] lines, int i) {
        String line = lines[i];
        String trimmed = line.strip();
        if (trimmed.startsWith(">")) {
            return true;
        }
        // The header patterns are cheap to skip: quote headers are short and end in ':' or are rules.
        if (trimmed.isEmpty() || trimmed.length() > MAX_HEADER_LINE) {
            return false;
        }
        // Each header pattern is tried only on lines that could match it, judged by their first and last
        // characters: a long mail has hundreds of lines and most are none of these.
        char first = Character.toLowerCase(
                trimmed.charAt(0) == '*' && trimmed.length() > 1 ? trimmed.charAt(1) : trimmed.charAt(0));
        boolean endsLikeHeader = trimmed.endsWith(":") || trimmed.endsWith(">");
        for (int p = 0; p < QUOTE_STARTS.size() - 1; p++) {
            boolean candidate = switch (p) {
                case 0, 1 -> endsLikeHeader;
                case 2, 3 -> first == '-';
                case 4 -> first == '_';
                default -> (first == 'f' || first == 'v' || first == 'd') && trimmed.indexOf(':') > 0;
            };
            if (!candidate) {
                continue;
            }
            if (QUOTE_STARTS.get(p).matcher(line).matches()) {
                boolean fromHeader = p == 5;
                if (!fromHeader) {
                    return true;
                }
                // "From:" starts a quote only when an Outlook header line follows within two lines.
                for (int next = i + 1; next < Math.min(lines.length, i + 3); next++) {
                    if (OUTLOOK_SECOND_LINE.matcher(lines[next]).matches()) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean startsSignature(String line) {
        if (line.length() > 120) {
            return false;
        }
        String trimmed = line.stripLeading();
        if (trimmed.isEmpty()) {
            return false;
        }
        // "-- " or a phrase starting with one of these letters (sent, gesendet, envoyé, enviado, inviato,
        // verzonden, get outlook).
        if ("-sgeivSGEIV".indexOf(trimmed.charAt(0)) < 0) {
            return false;
        }
        for (Pattern pattern : SIGNATURE_STARTS) {
            if (pattern.matcher(line).matches()) {
                return true;
            }
        }
        return false;
    }
}
