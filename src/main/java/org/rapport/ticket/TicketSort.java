package org.rapport.ticket;

import java.util.Locale;
import org.rapport.shared.InvalidValueException;

/** Orders of a ticket list; each is a keyset over (column, id) so pages stay fast at any depth. */
public enum TicketSort {
    WAITING_ASC("waiting_since", true),
    WAITING_DESC("waiting_since", false),
    CREATED_ASC("created_at", true),
    CREATED_DESC("created_at", false),
    UPDATED_ASC("updated_at", true),
    UPDATED_DESC("updated_at", false),
    PRIORITY_ASC("priority_rank", true),
    PRIORITY_DESC("priority_rank", false);

    final String column;
    final boolean ascending;

    TicketSort(String column, boolean ascending) {
        this.column = column;
        this.ascending = ascending;
    }

    boolean byTime() {
        return !column.equals("priority_rank");
    }

    /** {@code created}, {@code -updated}, {@code priority}, … as in the API's {@code sort} parameter. */
    public static TicketSort parse(String text) {
        if (text == null || text.isBlank()) {
            return UPDATED_DESC;
        }
        boolean descending = text.startsWith("-");
        String name = (descending ? text.substring(1) : text).trim().toUpperCase(Locale.ROOT);
        return switch (name) {
            case "WAITING" -> descending ? WAITING_DESC : WAITING_ASC;
            case "CREATED" -> descending ? CREATED_DESC : CREATED_ASC;
            case "UPDATED" -> descending ? UPDATED_DESC : UPDATED_ASC;
            case "PRIORITY" -> descending ? PRIORITY_DESC : PRIORITY_ASC;
            default ->
                throw new InvalidValueException(
                        "sort", "sort must be waiting, created, updated or priority, with '-' for descending");
        };
    }

    public String wireName() {
        return (ascending ? "" : "-")
                + switch (this) {
                    case WAITING_ASC, WAITING_DESC -> "waiting";
                    case CREATED_ASC, CREATED_DESC -> "created";
                    case UPDATED_ASC, UPDATED_DESC -> "updated";
                    case PRIORITY_ASC, PRIORITY_DESC -> "priority";
                };
    }
}
