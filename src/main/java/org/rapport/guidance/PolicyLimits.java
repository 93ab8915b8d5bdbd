package org.rapport.guidance;

import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What one written policy lets an agent offer on their own: money up to {@code refundMax}, refunds for purchases
 * at most {@code refundDays} old, the listed remedies (refund, replacement, repair, discount, callback, ...), and
 * nothing above {@code supervisorAbove} without a supervisor. A null limit means the policy sets none.
 *
 * <p>{@link #NONE} stands for "no policy given": then no reply is checked against a policy at all, rather than
 * against an empty one.
 */
public record PolicyLimits(BigDecimal refundMax, Integer refundDays, Set<String> remedies, BigDecimal supervisorAbove) {

    /** No policy applies; compared by identity. */
    public static final PolicyLimits NONE = new PolicyLimits(null, null, Set.of(), null);

    public PolicyLimits {
        Set<String> names = new LinkedHashSet<>();
        if (remedies != null) {
            for (String r : remedies) {
                if (r != null && !r.isBlank()) {
                    names.add(r.strip().toLowerCase(Locale.ROOT));
                }
            }
        }
        remedies = Set.copyOf(names);
    }

    public boolean allows(String remedy) {
        return remedies.contains(remedy);
    }

    /**
     * Several policies apply to one ticket (product and channel, say): the agent may use the most generous of each
     * limit, and any remedy one of them lists. Without policies the result is {@link #NONE}.
     */
    public static PolicyLimits merge(List<PolicyLimits> policies) {
        List<PolicyLimits> given = policies == null
                ? List.of()
                : policies.stream().filter(p -> p != null && p != NONE).toList();
        if (given.isEmpty()) {
            return NONE;
        }
        BigDecimal refundMax = given.getFirst().refundMax();
        Integer refundDays = given.getFirst().refundDays();
        BigDecimal supervisorAbove = given.getFirst().supervisorAbove();
        Set<String> remedies = new LinkedHashSet<>();
        for (PolicyLimits p : given) {
            // A policy without a limit is more generous than any limit.
            refundMax = refundMax == null || p.refundMax() == null ? null : refundMax.max(p.refundMax());
            refundDays = refundDays == null || p.refundDays() == null ? null : Math.max(refundDays, p.refundDays());
            supervisorAbove = supervisorAbove == null || p.supervisorAbove() == null
                    ? null
                    : supervisorAbove.max(p.supervisorAbove());
            remedies.addAll(p.remedies());
        }
        return new PolicyLimits(refundMax, refundDays, remedies, supervisorAbove);
    }
}
