package org.rapport.ticket;

/** A file attached to a message; its bytes live in the blob store under {@code sha256}. */
public record Attachment(long id, String fileName, String mediaType, long size, String sha256) {}
