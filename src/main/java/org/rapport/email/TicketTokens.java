package org.rapport.email;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The ticket token in subjects, {@code [#10042-3fa9c1]}: the number a person can read and a MAC only we
 * can make, so that a guessed or forged token never attaches mail to someone else's ticket.
 */
@Component
public class TicketTokens {

    private static final Pattern TOKEN = Pattern.compile("\\[#(\\d{1,18})-([0-9a-f]{10})]");

    private final JdbcClient jdbc;
    private volatile byte[] secret;

    TicketTokens(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public String token(long ticketNumber) {
        return "[#" + ticketNumber + "-" + mac(ticketNumber) + "]";
    }

    /** The ticket number of the first token in the subject whose MAC is ours. */
    public Optional<Long> verify(String subject) {
        if (subject == null) {
            return Optional.empty();
        }
        Matcher m = TOKEN.matcher(subject);
        while (m.find()) {
            try {
                long number = Long.parseLong(m.group(1));
                if (MessageDigest.isEqual(
                        mac(number).getBytes(StandardCharsets.US_ASCII),
                        m.group(2).getBytes(StandardCharsets.US_ASCII))) {
                    return Optional.of(number);
                }
            } catch (NumberFormatException e) {
                // not one of ours
            }
        }
        return Optional.empty();
    }

    /**
     * The value of our loop header: this installation's own, so another sender cannot make its mail
     * look like ours (and be ignored), and another Rapport's mail is not mistaken for ours.
     */
    public String loopMarker() {
        return "rapport-" + mac("loop-marker", 20);
    }

    /** Whether a loop header value is this installation's. */
    public boolean isOurLoopMarker(String value) {
        return value != null
                && MessageDigest.isEqual(
                        loopMarker().getBytes(StandardCharsets.US_ASCII),
                        value.strip().getBytes(StandardCharsets.US_ASCII));
    }

    private String mac(long number) {
        return mac(Long.toString(number), 10);
    }

    private String mac(String text, int length) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret(), "HmacSHA256"));
            return HexFormat.of()
                    .formatHex(mac.doFinal(text.getBytes(StandardCharsets.US_ASCII)))
                    .substring(0, length);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] secret() {
        if (secret == null) {
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            jdbc.sql("INSERT INTO email_secret (id, secret) VALUES (1, ?) ON CONFLICT (id) DO NOTHING")
                    .param(HexFormat.of().formatHex(fresh))
                    .update();
            secret = HexFormat.of()
                    .parseHex(jdbc.sql("SELECT secret FROM email_secret WHERE id = 1")
                            .query(String.class)
                            .single());
        }
        return secret;
    }
}
