package org.rapport.guidance;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/** What an admin writes for a policy (a new one, or the next version of one). */
public record PolicyDraft(
        String name,
        String complaintKind,
        List<String> keywords,
        BigDecimal refundMax,
        Integer refundDays,
        Set<String> remedies,
        BigDecimal supervisorAbove,
        String wording) {}
