package org.rapport.analysis;

/** One explainable finding: its label (e.g. {@code urgency}, {@code escalation:legal}), and the words. */
public record Cue(String label, Span span) {}
