package org.rapport.mail;

/** A part of a message that is a file: inline ones are referenced from the HTML by {@code cid:}. */
public record MailAttachment(
        String fileName,
        String mediaType,
        long size,
        String sha256,
        boolean inline,
        String contentId,
        byte[] content) {}
