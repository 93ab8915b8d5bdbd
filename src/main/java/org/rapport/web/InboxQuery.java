package org.rapport.web;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.rapport.access.Caller;
import org.rapport.shared.AgentId;
import org.rapport.shared.ChannelKind;
import org.rapport.shared.CustomerId;
import org.rapport.shared.InvalidValueException;
import org.rapport.shared.TeamId;
import org.rapport.ticket.Priority;
import org.rapport.ticket.TicketFilter;
import org.rapport.ticket.TicketSort;
import org.rapport.ticket.TicketStatus;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * What the inbox shows: a view ("mine", "unassigned", …) narrowed by filters, in an order. Built from the
 * page's query parameters, so every list is a shareable URL and a saved view is just its query string.
 */
record InboxQuery(
        String view,
        Set<TicketStatus> statuses,
        Set<Priority> priorities,
        Long team,
        String assignee,
        String tag,
        ChannelKind channel,
        Long customer,
        LocalDate from,
        LocalDate to,
        String sort) {

    static final List<String> VIEWS = List.of("mine", "unassigned", "open", "pending", "hold", "solved");
    static final List<String> PARAMETERS = List.of(
            "view", "status", "priority", "team", "assignee", "tag", "channel", "customer", "from", "to", "sort");
    private static final Set<TicketStatus> ACTIVE =
            EnumSet.of(TicketStatus.NEW, TicketStatus.OPEN, TicketStatus.PENDING, TicketStatus.ON_HOLD);

    static InboxQuery parse(Map<String, List<String>> parameters) {
        String view = first(parameters, "view");
        if (view == null || view.isBlank()) {
            view = "mine";
        }
        if (!VIEWS.contains(view) && !view.equals("all")) {
            throw new InvalidValueException("view", "There is no view called '" + view + "'.");
        }
        Set<TicketStatus> statuses = EnumSet.noneOf(TicketStatus.class);
        for (String s : parameters.getOrDefault("status", List.of())) {
            if (!s.isBlank()) {
                statuses.add(parseEnum(TicketStatus.class, "status", s));
            }
        }
        Set<Priority> priorities = EnumSet.noneOf(Priority.class);
        for (String p : parameters.getOrDefault("priority", List.of())) {
            if (!p.isBlank()) {
                priorities.add(parseEnum(Priority.class, "priority", p));
            }
        }
        String assignee = first(parameters, "assignee");
        if (assignee != null && !assignee.isBlank() && !assignee.equals("me") && !assignee.equals("none")) {
            number("assignee", assignee);
        }
        String channel = first(parameters, "channel");
        String sort = first(parameters, "sort");
        if (sort != null && !sort.isBlank()) {
            TicketSort.parse(sort);
        }
        String tag = first(parameters, "tag");
        return new InboxQuery(
                view,
                statuses,
                priorities,
                optionalNumber("team", first(parameters, "team")),
                blankToNull(assignee),
                tag == null || tag.isBlank() ? null : tag.trim().toLowerCase(Locale.ROOT),
                channel == null || channel.isBlank() ? null : parseEnum(ChannelKind.class, "channel", channel),
                optionalNumber("customer", first(parameters, "customer")),
                date("from", first(parameters, "from")),
                date("to", first(parameters, "to")),
                blankToNull(sort));
    }

    static InboxQuery ofView(String view) {
        return new InboxQuery(view, Set.of(), Set.of(), null, null, null, null, null, null, null, null);
    }

    TicketFilter filter(Caller me) {
        Set<TicketStatus> viewStatuses = switch (view) {
            case "mine", "unassigned" -> ACTIVE;
            case "open" -> EnumSet.of(TicketStatus.NEW, TicketStatus.OPEN);
            case "pending" -> EnumSet.of(TicketStatus.PENDING);
            case "hold" -> EnumSet.of(TicketStatus.ON_HOLD);
            case "solved" -> EnumSet.of(TicketStatus.SOLVED, TicketStatus.CLOSED);
            default -> EnumSet.allOf(TicketStatus.class);
        };
        // Chosen statuses replace the view's: "Mine" with "solved" lists my solved tickets.
        Set<TicketStatus> chosen = statuses.isEmpty() ? viewStatuses : statuses;
        Set<TeamId> teams = team != null ? Set.of(new TeamId(team)) : Set.of();
        Set<AgentId> assignees = Set.of();
        boolean unassigned = false;
        if (view.equals("mine")) {
            assignees = Set.of(me.agent());
        } else if (view.equals("unassigned")) {
            unassigned = true;
            if (teams.isEmpty()) {
                teams = me.teams().isEmpty() ? Set.of(new TeamId(-1)) : me.teams();
            }
        }
        if (assignee != null) {
            switch (assignee) {
                case "me" -> assignees = Set.of(me.agent());
                case "none" -> unassigned = true;
                default -> assignees = Set.of(new AgentId(Long.parseLong(assignee)));
            }
        }
        return new TicketFilter(
                chosen,
                priorities,
                teams,
                assignees,
                unassigned,
                customer == null ? null : new CustomerId(customer),
                tag,
                channel == null ? Set.of() : Set.of(channel),
                from == null ? null : from.atStartOfDay().toInstant(ZoneOffset.UTC),
                to == null ? null : to.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC),
                null,
                null);
    }

    TicketSort ticketSort() {
        if (sort != null) {
            return TicketSort.parse(sort);
        }
        return view.equals("solved") ? TicketSort.UPDATED_DESC : TicketSort.WAITING_ASC;
    }

    /** This query as URL parameters (without cursor), for links, live reloads and saved views. */
    public String queryString() {
        Map<String, List<String>> values = new LinkedHashMap<>();
        values.put("view", List.of(view));
        values.put(
                "status",
                statuses.stream().map(s -> s.name().toLowerCase(Locale.ROOT)).toList());
        values.put(
                "priority",
                priorities.stream().map(p -> p.name().toLowerCase(Locale.ROOT)).toList());
        values.put("team", team == null ? List.of() : List.of(team.toString()));
        values.put("assignee", assignee == null ? List.of() : List.of(assignee));
        values.put("tag", tag == null ? List.of() : List.of(tag));
        values.put("channel", channel == null ? List.of() : List.of(channel.wireName()));
        values.put("customer", customer == null ? List.of() : List.of(customer.toString()));
        values.put("from", from == null ? List.of() : List.of(from.toString()));
        values.put("to", to == null ? List.of() : List.of(to.toString()));
        values.put("sort", sort == null ? List.of() : List.of(sort));
        UriComponentsBuilder builder = UriComponentsBuilder.newInstance();
        values.forEach((k, v) -> v.forEach(value -> builder.queryParam(k, value)));
        String query = builder.encode().build().getQuery();
        return query == null ? "" : query;
    }

    public boolean has(TicketStatus status) {
        return statuses.contains(status);
    }

    public boolean has(Priority priority) {
        return priorities.contains(priority);
    }

    private static String first(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    private static Long optionalNumber(String field, String text) {
        return text == null || text.isBlank() ? null : number(field, text);
    }

    private static long number(String field, String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new InvalidValueException(field, field + " must be a number.");
        }
    }

    private static LocalDate date(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.trim());
        } catch (RuntimeException e) {
            throw new InvalidValueException(field, field + " must be a date like 2026-11-23.");
        }
    }

    static <E extends Enum<E>> E parseEnum(Class<E> type, String field, String text) {
        try {
            return Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException(field, "'" + text + "' is not a " + field + ".");
        }
    }
}
