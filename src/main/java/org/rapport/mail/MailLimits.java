package org.rapport.mail;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What an inbound message may be at most. A message over a limit is not half-read: it is refused with
 * the limit named, and the channel quarantines it with its raw bytes.
 */
@ConfigurationProperties("rapport.mail.limits")
public record MailLimits(
        @DefaultValue("26214400") long maxMessageBytes,
        @DefaultValue("1000") int maxHeaderCount,
        @DefaultValue("65536") int maxHeaderBytes,
        @DefaultValue("20") int maxMimeDepth,
        @DefaultValue("200") int maxParts,
        @DefaultValue("52428800") long maxDecodedBytes,
        @DefaultValue("2000") int maxLinks,
        @DefaultValue("50") int maxRecipients) {

    public static MailLimits defaults() {
        return new MailLimits(26_214_400, 1000, 65_536, 20, 200, 52_428_800, 2000, 50);
    }
}
