package org.rapport.guidance;

import org.rapport.analysis.Span;

/**
 * One thing the agent should look at before sending a reply, with the reason in plain words and a better wording.
 *
 * @param code no_acknowledgement, no_empathy, scripted_empathy, no_next_step, promise_beyond_policy,
 *     absolute_guarantee, admits_fault, defensive_language or only_cannot
 * @param severity "high", "medium" or "low"
 * @param span the words in the draft, or null when the finding is about something missing
 * @param explanation which words or rule, and why it matters, in one sentence
 * @param suggestion what to write instead or what to add
 */
public record Finding(String code, String severity, Span span, String explanation, String suggestion) {}
