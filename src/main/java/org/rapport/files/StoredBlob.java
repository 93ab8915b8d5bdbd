package org.rapport.files;

/** A stored blob: its SHA-256 (lower-case hex) names it. */
public record StoredBlob(String sha256, long size) {}
