package org.rapport.mail;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the pipeline sees of one message. {@code text} is the whole plain text (derived from HTML when
 * there is no text part), {@code replyText} what the sender wrote this time (quotes and signature
 * stripped), {@code html} sanitised.
 */
public record ParsedMail(
        Map<String, List<String>> headers,
        MailAddress from,
        List<MailAddress> to,
        List<MailAddress> cc,
        List<MailAddress> replyTo,
        String subject,
        String messageId,
        String inReplyTo,
        List<String> references,
        Instant date,
        String text,
        String html,
        String replyText,
        List<MailAttachment> attachments,
        MailKind kind,
        List<String> kindReasons,
        String bouncedMessageId,
        String bouncedRecipient,
        int linkCount) {}
