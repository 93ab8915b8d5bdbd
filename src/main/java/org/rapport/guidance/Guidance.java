package org.rapport.guidance;

import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * The reply check as the workspace and the API use it: the draft against the customer's message, the
 * ticket's assessment and the policies that apply, plus the promises it would make and when they'd be due.
 */
@Service
public class Guidance {

    static final int MAX_DRAFT = 20_000;

    private final ReplyChecker checker;
    private final Clock clock = Clock.systemUTC();

    Guidance(ReplyChecker checker) {
        this.checker = checker;
    }

    public ReplyCheck check(
            String draft, String customerMessage, Assessment assessment, List<Policy> policies, BusinessHours hours) {
        PolicyLimits limits = policies.isEmpty()
                ? PolicyLimits.NONE
                : PolicyLimits.merge(policies.stream().map(Policy::limits).toList());
        ReplyChecker.Review review = checker.review(draft, customerMessage, assessment, limits);
        var now = clock.instant();
        List<ReplyCheck.DuePromise> due = review.promises().stream()
                .map(p -> new ReplyCheck.DuePromise(
                        p, Commitments.due(p.due() == null ? null : p.due().text(), now, hours)))
                .toList();
        return new ReplyCheck(review.findings(), due);
    }
}
