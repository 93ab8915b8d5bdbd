package org.rapport.guidance;

import java.time.Instant;
import java.util.List;

/** What the reply check found in a draft: findings to act on, and the promises it would make, with due dates. */
public record ReplyCheck(List<Finding> findings, List<DuePromise> promises) {

    /** A promise in the draft and when it would be due if the reply went out now. */
    public record DuePromise(Promise promise, Instant dueAt) {}
}
