package org.rapport.analysis;

/** Where in the text a finding comes from: {@code text.substring(start, end)}. */
public record Span(int start, int end, String text) {}
