package org.rapport.ticket;

import java.util.List;

/** An admin-defined ticket field: values live on each ticket under {@code key}. */
public record CustomField(
        long id, String key, String label, CustomFieldType type, List<String> choices, boolean active) {}
