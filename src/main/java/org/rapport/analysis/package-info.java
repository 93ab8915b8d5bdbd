/**
 * Emotion, urgency, escalation and abuse in what customers write, explainable: every finding names the
 * words that caused it. A lexicon-and-rules scorer in the VADER family, local, no network model.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared"})
package org.rapport.analysis;
