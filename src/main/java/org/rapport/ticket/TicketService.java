package org.rapport.ticket;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rapport.agent.Agent;
import org.rapport.agent.AgentQueries;
import org.rapport.customer.CustomerQueries;
import org.rapport.shared.Actor;
import org.rapport.shared.AgentId;
import org.rapport.shared.ChannelKind;
import org.rapport.shared.CustomerId;
import org.rapport.shared.InvalidValueException;
import org.rapport.shared.MessageId;
import org.rapport.shared.Tags;
import org.rapport.shared.TeamId;
import org.rapport.shared.Texts;
import org.rapport.shared.TicketId;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** Opens tickets, adds messages and changes fields. Each call is one audited transaction. */
@Service
@Transactional
public class TicketService {

    static final int MAX_SUBJECT = 300;

    private final TicketStore store;
    private final CustomFields customFields;
    private final CustomerQueries customers;
    private final AgentQueries agents;
    private final JsonMapper json;

    TicketService(
            TicketStore store,
            CustomFields customFields,
            CustomerQueries customers,
            AgentQueries agents,
            JsonMapper json) {
        this.store = store;
        this.customFields = customFields;
        this.customers = customers;
        this.agents = agents;
        this.json = json;
    }

    /** Where a message landed: a customer writing on a closed ticket lands on a new follow-up ticket. */
    public record Added(TicketId ticket, MessageId message, boolean followUp) {}

    public Added open(OpenTicket command, Actor actor) {
        return open(command, null, actor);
    }

    private Added open(OpenTicket command, TicketId followUpOf, Actor actor) {
        if (command.firstMessage() == null) {
            throw new InvalidValueException("message", "a ticket starts with a message");
        }
        if (command.channel() == null) {
            throw new InvalidValueException("channel", "a ticket needs the channel it came from");
        }
        CustomerId customer = liveCustomer(command.customer());
        String subject = subject(command.subject(), command.firstMessage());
        Priority priority = command.priority() == null ? Priority.NORMAL : command.priority();
        checkAssignment(command.team(), command.assignee());
        List<String> tags = command.tags() == null ? List.of() : Tags.normalise(command.tags());
        Map<String, Object> fields =
                command.customFields() == null ? Map.of() : withoutNulls(customFields.check(command.customFields()));
        Instant now = store.now();
        boolean fromCustomer = command.firstMessage().authorKind() == AuthorKind.CUSTOMER;
        var row = store.jdbc()
                .sql("""
                INSERT INTO ticket (subject, customer_id, channel, status, priority, priority_rank, team_id, assignee_id, tags, custom_fields,
                                    follow_up_of_id, created_at, updated_at, last_customer_message_at)
                VALUES (?, ?, ?, 'NEW', ?, ?, ?, ?, ?, CAST(? AS JSONB), ?, ?, ?, ?) RETURNING id, number""")
                .params(
                        subject,
                        customer.value(),
                        command.channel().name(),
                        priority.name(),
                        priority.rank(),
                        command.team() == null ? null : command.team().value(),
                        command.assignee() == null ? null : command.assignee().value(),
                        tags.toArray(String[]::new),
                        json.writeValueAsString(fields),
                        followUpOf == null ? null : followUpOf.value(),
                        Timestamp.from(now),
                        Timestamp.from(now),
                        fromCustomer ? Timestamp.from(now) : null)
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)})
                .single();
        TicketId ticket = new TicketId(row[0]);
        MessageId message = store.insertMessage(
                ticket, command.firstMessage(), channelOf(command.firstMessage(), command.channel()), now);
        store.audit(ticket, actor, "created", null, "#" + row[1], now);
        if (followUpOf != null) {
            store.audit(ticket, actor, "follow_up_of", null, followUpOf, now);
        }
        store.publish(new TicketOpened(ticket, row[1], customer, command.channel(), command.team(), priority, message));
        if (command.assignee() != null) {
            store.publish(new TicketAssigned(ticket, command.team(), command.assignee(), null));
        }
        return new Added(ticket, message, followUpOf != null);
    }

    /**
     * Adds a message. A customer writing on a solved or pending ticket reopens it; on a closed one opens a
     * follow-up ticket linked to it. {@code statusAfter}, when given, is set after the message ("send
     * and set pending").
     */
    public Added addMessage(TicketId id, NewMessage message, TicketStatus statusAfter, Actor actor) {
        Ticket ticket = store.lock(id, null);
        while (ticket.mergedInto() != null) {
            ticket = store.lock(ticket.mergedInto(), null);
        }
        boolean fromCustomer = message.authorKind() == AuthorKind.CUSTOMER && message.kind() == MessageKind.REPLY;
        if (fromCustomer && ticket.status() == TicketStatus.CLOSED) {
            OpenTicket followUp = new OpenTicket(
                    "Re: " + Texts.abbreviate(ticket.subject(), MAX_SUBJECT - 10),
                    ticket.customer(),
                    channelOf(message, ticket.channel()),
                    ticket.priority(),
                    ticket.team(),
                    null,
                    ticket.tags(),
                    null,
                    message);
            Added added = open(followUp, ticket.id(), actor);
            store.audit(ticket.id(), actor, "follow_up", null, added.ticket(), store.now());
            return added;
        }
        Instant now = store.now();
        ChannelKind channel = channelOf(message, ticket.channel());
        MessageId messageId = store.insertMessage(ticket.id(), message, channel, now);
        if (fromCustomer) {
            store.jdbc()
                    .sql("UPDATE ticket SET last_customer_message_at = ? WHERE id = ?")
                    .params(Timestamp.from(now), ticket.id().value())
                    .update();
            if (ticket.status() == TicketStatus.SOLVED || ticket.status() == TicketStatus.PENDING) {
                store.changeStatus(ticket, TicketStatus.OPEN, actor, now);
                ticket = store.lock(ticket.id(), null);
            }
            store.publish(new CustomerReplied(ticket.id(), messageId, ticket.customer(), channel));
        } else if (message.kind() == MessageKind.REPLY && message.authorKind() == AuthorKind.AGENT) {
            store.jdbc()
                    .sql("UPDATE ticket SET first_response_at = coalesce(first_response_at, ?) WHERE id = ?")
                    .params(Timestamp.from(now), ticket.id().value())
                    .update();
            if (ticket.status() == TicketStatus.NEW && statusAfter == null) {
                store.changeStatus(ticket, TicketStatus.OPEN, actor, now);
                ticket = store.lock(ticket.id(), null);
            }
            store.publish(new AgentReplied(ticket.id(), messageId, new AgentId(message.authorId()), channel));
        } else if (message.kind() == MessageKind.NOTE && message.authorKind() == AuthorKind.AGENT) {
            store.publish(new InternalNoteAdded(ticket.id(), messageId, new AgentId(message.authorId())));
        }
        if (statusAfter != null) {
            store.changeStatus(ticket, statusAfter, actor, now);
        }
        store.audit(
                ticket.id(),
                actor,
                message.kind() == MessageKind.NOTE ? "note" : "reply",
                null,
                "message " + messageId.value(),
                now);
        store.bump(ticket.id(), now);
        return new Added(ticket.id(), messageId, false);
    }

    public void update(TicketId id, TicketChanges changes, Long expectedVersion, Actor actor) {
        Ticket ticket = store.lock(id, expectedVersion);
        if (ticket.mergedInto() != null) {
            throw new org.rapport.shared.ConflictException("ticket " + id.value() + " was merged into "
                    + ticket.mergedInto().value() + ": change that one");
        }
        Instant now = store.now();
        var jdbc = store.jdbc();
        if (changes.subject() != null) {
            String subject = Texts.line("subject", changes.subject(), MAX_SUBJECT, true);
            jdbc.sql("UPDATE ticket SET subject = ? WHERE id = ?")
                    .params(subject, id.value())
                    .update();
            store.audit(id, actor, "subject", ticket.subject(), subject, now);
        }
        if (changes.priority() != null) {
            jdbc.sql("UPDATE ticket SET priority = ?, priority_rank = ? WHERE id = ?")
                    .params(changes.priority().name(), changes.priority().rank(), id.value())
                    .update();
            store.audit(id, actor, "priority", ticket.priority(), changes.priority(), now);
        }
        if (changes.team() != null || changes.assignee() != null) {
            TeamId team =
                    changes.team() == null ? ticket.team() : changes.team().orElse(null);
            AgentId assignee = changes.assignee() == null
                    ? ticket.assignee()
                    : changes.assignee().orElse(null);
            if (changes.team() != null
                    && changes.assignee() == null
                    && assignee != null
                    && team != null
                    && !agents.find(assignee).map(a -> a.teams().contains(team)).orElse(false)) {
                assignee = null; // moving to a team the assignee is not in hands the ticket to that team
            }
            checkAssignment(team, assignee);
            if (!java.util.Objects.equals(team, ticket.team())
                    || !java.util.Objects.equals(assignee, ticket.assignee())) {
                jdbc.sql("UPDATE ticket SET team_id = ?, assignee_id = ? WHERE id = ?")
                        .params(
                                team == null ? null : team.value(),
                                assignee == null ? null : assignee.value(),
                                id.value())
                        .update();
                store.audit(id, actor, "team", ticket.team(), team, now);
                store.audit(id, actor, "assignee", ticket.assignee(), assignee, now);
                store.publish(new TicketAssigned(id, team, assignee, ticket.assignee()));
            }
        }
        if (changes.tags() != null) {
            List<String> tags = Tags.normalise(changes.tags());
            jdbc.sql("UPDATE ticket SET tags = ? WHERE id = ?")
                    .params(tags.toArray(String[]::new), id.value())
                    .update();
            store.audit(id, actor, "tags", String.join(",", ticket.tags()), String.join(",", tags), now);
        }
        if (changes.customFields() != null) {
            Map<String, Object> checked = customFields.check(changes.customFields());
            Map<String, Object> merged = new LinkedHashMap<>(ticket.customFields());
            checked.forEach((key, value) -> {
                Object before = merged.get(key);
                if (value == null) {
                    merged.remove(key);
                } else {
                    merged.put(key, value);
                }
                store.audit(id, actor, "custom." + key, before, value, now);
            });
            jdbc.sql("UPDATE ticket SET custom_fields = CAST(? AS JSONB) WHERE id = ?")
                    .params(json.writeValueAsString(merged), id.value())
                    .update();
        }
        if (changes.status() != null) {
            store.changeStatus(ticket, changes.status(), actor, now);
        }
        store.bump(id, now);
    }

    private CustomerId liveCustomer(CustomerId id) {
        if (id == null) {
            throw new InvalidValueException("customer", "a ticket needs a customer");
        }
        return customers
                .survivor(id)
                .orElseThrow(() -> new InvalidValueException("customer", "customer " + id.value() + " does not exist"));
    }

    private void checkAssignment(TeamId team, AgentId assignee) {
        if (team != null && agents.team(team).isEmpty()) {
            throw new InvalidValueException("team", "team " + team.value() + " does not exist");
        }
        if (assignee != null) {
            Optional<Agent> agent = agents.find(assignee).filter(Agent::active);
            if (agent.isEmpty()) {
                throw new InvalidValueException(
                        "assignee", "agent " + assignee.value() + " does not exist or is deactivated");
            }
            if (team != null && !agent.get().teams().contains(team)) {
                throw new InvalidValueException(
                        "assignee", agent.get().name() + " is not a member of team " + team.value());
            }
        }
    }

    private static String subject(String subject, NewMessage first) {
        String line = Texts.line("subject", subject, MAX_SUBJECT, false);
        if (line != null) {
            return line;
        }
        String text = first.text() != null && !first.text().isBlank()
                ? first.text()
                : MessageBodies.of(null, first.html()).text();
        String firstLine = text.strip()
                .lines()
                .findFirst()
                .orElse("")
                .replaceAll("\\p{Cntrl}", " ")
                .strip();
        return firstLine.isEmpty() ? "(no subject)" : Texts.abbreviate(firstLine, 80);
    }

    private static ChannelKind channelOf(NewMessage message, ChannelKind fallback) {
        return message.channel() == null ? fallback : message.channel();
    }

    private static Map<String, Object> withoutNulls(Map<String, Object> values) {
        Map<String, Object> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (v != null) {
                copy.put(k, v);
            }
        });
        return copy;
    }
}
