/**
 * Guidance for the agent while a reply is still a draft. Customers accept an answer they do not like far more
 * readily once they are sure they were heard, and a promise that is not kept costs more than the complaint did; so
 * before a reply goes out it is read the way an experienced colleague would read it. Does it take up the actual
 * problem, show empathy when the customer is upset (and not with a stock phrase), say what we will do and when?
 * Does it stay within the written policy, and is it exactly as accountable as the complaint's assessment allows:
 * an apology for the customer's experience always, an admission of fault or a guarantee only where the organisation
 * can stand behind it? Every promise it makes is found, with its due time, so that it becomes a tracked commitment.
 *
 * <p>Everything here is explainable: each finding names the words or the missing thing and suggests better wording,
 * and the phrase lists are plain text in {@code guidance/rules.tsv}. The checks advise; the agent decides.
 *
 * <p>Kept here as well: the admins' policies (versioned: a change is a new version), each ticket's complaint
 * assessment, the teams' business hours, and the commitments read from every sent reply ({@code AgentReplied}),
 * which tell the agent and the supervisors once they are overdue ({@code CommitmentDue}).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "ticket", "analysis"})
package org.rapport.guidance;
