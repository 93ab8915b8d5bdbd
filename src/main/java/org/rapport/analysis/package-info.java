/**
 * Emotion, urgency, escalation and abuse in what customers write, explainable: every finding names the
 * words that caused it. A lexicon-and-rules scorer in the VADER family, local, no network model. Every
 * customer message is analysed once after it is committed, stored, and announced as {@code MessageAnalysed};
 * the only thing analysis changes on a ticket is its priority, by a configurable rule, in the audit trail.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "ticket"})
package org.rapport.analysis;
