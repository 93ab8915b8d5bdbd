package org.rapport.ticket;

/** A file to attach to a new message. */
public record NewAttachment(String fileName, String mediaType, byte[] content) {}
