package org.rapport.ticket;

import java.time.Instant;
import java.util.Set;
import org.rapport.shared.AgentId;
import org.rapport.shared.ChannelKind;
import org.rapport.shared.CustomerId;
import org.rapport.shared.TeamId;

/** Which tickets to list; empty sets and nulls do not filter. {@code unassigned} selects tickets with no assignee. */
public record TicketFilter(
        Set<TicketStatus> statuses,
        Set<Priority> priorities,
        Set<TeamId> teams,
        Set<AgentId> assignees,
        boolean unassigned,
        CustomerId customer,
        String tag,
        Set<ChannelKind> channels,
        Instant createdFrom,
        Instant createdTo,
        Instant updatedFrom,
        Instant updatedTo) {

    public static TicketFilter none() {
        return new TicketFilter(
                Set.of(), Set.of(), Set.of(), Set.of(), false, null, null, Set.of(), null, null, null, null);
    }

    public static TicketFilter ofCustomer(CustomerId customer) {
        return new TicketFilter(
                Set.of(), Set.of(), Set.of(), Set.of(), false, customer, null, Set.of(), null, null, null, null);
    }
}
