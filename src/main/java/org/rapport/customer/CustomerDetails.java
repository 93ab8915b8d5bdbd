package org.rapport.customer;

import java.util.List;

/**
 * The editable fields of a customer. In an update a {@code null} field is left as it is; an empty
 * string clears it.
 */
public record CustomerDetails(
        String name, String organization, String language, String timeZone, String notes, List<String> tags) {

    public static CustomerDetails named(String name) {
        return new CustomerDetails(name, null, null, null, null, null);
    }
}
