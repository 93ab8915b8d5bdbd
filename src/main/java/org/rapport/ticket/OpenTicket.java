package org.rapport.ticket;

import java.util.List;
import java.util.Map;
import org.rapport.shared.AgentId;
import org.rapport.shared.ChannelKind;
import org.rapport.shared.CustomerId;
import org.rapport.shared.TeamId;

/** A new ticket with its first message. Null priority means normal. */
public record OpenTicket(
        String subject,
        CustomerId customer,
        ChannelKind channel,
        Priority priority,
        TeamId team,
        AgentId assignee,
        List<String> tags,
        Map<String, Object> customFields,
        NewMessage firstMessage) {}
