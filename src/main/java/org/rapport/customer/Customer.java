package org.rapport.customer;

import java.time.Instant;
import java.util.List;
import org.rapport.shared.CustomerId;

/** What others read of a customer. */
public record Customer(
        CustomerId id,
        String name,
        String organization,
        String language,
        String timeZone,
        String notes,
        List<String> tags,
        List<Identity> identities,
        CustomerId mergedInto,
        long version,
        Instant createdAt,
        Instant updatedAt) {

    public boolean merged() {
        return mergedInto != null;
    }
}
