package org.rapport.ticket;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.rapport.shared.InvalidValueException;

/** An opaque position in a sorted ticket list: the sort it belongs to, the last sort value and id. */
record TicketCursor(TicketSort sort, long value, long id) {

    String encode() {
        String raw = sort.name() + ":" + value + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static TicketCursor decode(String cursor, TicketSort expectedSort) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(":");
            TicketCursor decoded =
                    new TicketCursor(TicketSort.valueOf(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2]));
            if (decoded.sort != expectedSort) {
                throw new InvalidValueException(
                        "cursor",
                        "this cursor belongs to sort '" + decoded.sort.wireName() + "'; keep the sort while paging");
            }
            return decoded;
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            throw new InvalidValueException("cursor", "the cursor is not one this API handed out");
        }
    }
}
