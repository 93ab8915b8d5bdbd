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
    private final TicketQueries queries;

    TicketService(
            TicketStore store,
            CustomFields customFields,
            CustomerQueries customers,
            AgentQueries agents,
            JsonMapper json,
            TicketQueries queries) {
        this.queries = queries;
        this.store = store;
        this.customFields = customFields;
        this.customers = customers;
        this.agents = agents;
        this.json = json;
    }

    /** Where a message landed: a customer writing on a closed ticket lands on a new follow-up ticket. */
    public record Added(TicketId ticket, MessageId message, boolean followUp) {}

    /** A new ticket as stored, with its first message. */
    public record Opened(Ticket ticket, MessageId message) {}

    public Opened open(OpenTicket command, Actor actor) {
        return open(command, null, actor);
    }

    private Opened open(OpenTicket command, TicketId followUpOf, Actor actor) {
        if (command.firstMessage() == null) {
            throw new InvalidValueException("message", "a ticket starts with a message");
        }
        if (command.channel() == null) {
            throw new InvalidValueException("channel", "a ticket needs the channel it came from");
        }
        if (command.customer() == null) {
            throw new InvalidValueException("customer", "a ticket needs a customer");
        }
        String subject = subject(command.subject(), command.firstMessage());
        Priority priority = command.priority() == null ? Priority.NORMAL : command.priority();
        checkAssignment(command.team(), command.assignee());
        List<String> tags = command.tags() == null ? List.of() : Tags.normalise(command.tags());
        Map<String, Object> fields =
                command.customFields() == null ? Map.of() : withoutNulls(customFields.check(command.customFields()));
        Instant now = store.now();
        boolean fromCustomer = command.firstMessage().authorKind() == AuthorKind.CUSTOMER;
        NewTicketRow row = new NewTicketRow(
                subject,
                command.channel(),
                priority,
                command.team(),
                command.assignee(),
                tags,
                json.writeValueAsString(fields),
                followUpOf,
                now,
                fromCustomer);
        // The customer check rides on the insert; only a merged or unknown customer costs a second look.
        Ticket ticket = insert(row, command.customer())
                .orElseGet(() -> insert(row, liveCustomer(command.customer()))
                        .orElseThrow(() -> new InvalidValueException(
                                "customer", "customer " + command.customer().value() + " was just merged; try again")));
        MessageId message = store.insertMessage(
                ticket.id(), command.firstMessage(), channelOf(command.firstMessage(), command.channel()), now);
        store.audit(ticket.id(), actor, "created", null, "#" + ticket.number(), now);
        if (followUpOf != null) {
            store.audit(ticket.id(), actor, "follow_up_of", null, followUpOf, now);
        }
        store.publish(new TicketOpened(
                ticket.id(), ticket.number(), ticket.customer(), command.channel(), command.team(), priority, message));
        if (command.assignee() != null) {
            store.publish(new TicketAssigned(ticket.id(), command.team(), command.assignee(), null));
        }
        return new Opened(ticket, message);
    }

    private record NewTicketRow(
            String subject,
            ChannelKind channel,
            Priority priority,
            TeamId team,
            AgentId assignee,
            List<String> tags,
            String customFields,
            TicketId followUpOf,
            Instant at,
            boolean fromCustomer) {}

    /** Inserts the ticket if {@code customer} exists and was not merged away. */
    private Optional<Ticket> insert(NewTicketRow row, CustomerId customer) {
        Timestamp at = Timestamp.from(row.at());
        return store.jdbc()
                .sql("""
                INSERT INTO ticket (subject, customer_id, channel, status, priority, priority_rank, team_id, assignee_id, tags, custom_fields,
                                    follow_up_of_id, created_at, updated_at, last_customer_message_at)
                SELECT CAST(:subject AS TEXT), c.id, CAST(:channel AS TEXT), 'NEW', CAST(:priority AS TEXT), CAST(:rank AS SMALLINT),
                       CAST(:team AS BIGINT), CAST(:assignee AS BIGINT), CAST(:tags AS TEXT[]), CAST(:fields AS JSONB),
                       CAST(:followUpOf AS BIGINT), CAST(:at AS TIMESTAMPTZ), CAST(:at AS TIMESTAMPTZ), CAST(:customerAt AS TIMESTAMPTZ)
                FROM customer c WHERE c.id = :customer AND c.merged_into_id IS NULL
                RETURNING\s""" + TicketQueries.COLUMNS)
                .param("subject", row.subject())
                .param("channel", row.channel().name())
                .param("priority", row.priority().name())
                .param("rank", row.priority().rank())
                .param("team", row.team() == null ? null : row.team().value())
                .param(
                        "assignee",
                        row.assignee() == null ? null : row.assignee().value())
                .param("tags", row.tags().toArray(String[]::new))
                .param("fields", row.customFields())
                .param(
                        "followUpOf",
                        row.followUpOf() == null ? null : row.followUpOf().value())
                .param("at", at)
                .param("customerAt", row.fromCustomer() ? at : null)
                .param("customer", customer.value())
                .query(queries::row)
                .optional();
    }

    /**
     * Adds a message a machine sent on the customer's side (auto-reply, out-of-office). It is shown on the
     * ticket but acted on by nothing: no status change, no follow-up ticket, no event that could answer it.
     */
    public Added addAutomaticMessage(TicketId id, NewMessage message, Actor actor) {
        Ticket ticket = store.lock(id, null);
        while (ticket.mergedInto() != null) {
            ticket = store.lock(ticket.mergedInto(), null);
        }
        Instant now = store.now();
        MessageId messageId =
                store.insertMessage(ticket.id(), message, channelOf(message, ticket.channel()), now, true);
        store.audit(ticket.id(), actor, "reply", null, "message " + messageId.value() + " (automatic)", now);
        store.bump(ticket.id(), now);
        return new Added(ticket.id(), messageId, false);
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
            // A second message on the same closed conversation joins the follow-up already open for it.
            Optional<Long> openFollowUp = store.jdbc()
                    .sql("""
                            SELECT id FROM ticket WHERE follow_up_of_id = ? AND status <> 'CLOSED' AND merged_into_id IS NULL
                            ORDER BY id DESC LIMIT 1""")
                    .param(ticket.id().value())
                    .query(Long.class)
                    .optional();
            if (openFollowUp.isPresent()) {
                return addMessage(new TicketId(openFollowUp.get()), message, statusAfter, actor);
            }
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
            Opened opened = open(followUp, ticket.id(), actor);
            store.audit(ticket.id(), actor, "follow_up", null, opened.ticket().id(), store.now());
            return new Added(opened.ticket().id(), opened.message(), true);
        }
        Instant now = store.now();
        ChannelKind channel = channelOf(message, ticket.channel());
        MessageId messageId = store.insertMessage(ticket.id(), message, channel, now);
        if (fromCustomer) {
            // last_customer_message_at is set with the version bump below: one statement, not two.
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
        store.bump(ticket.id(), now, fromCustomer);
        return new Added(ticket.id(), messageId, false);
    }

    /**
     * Writes what another module did or saw on a ticket into its audit trail (an abusive passage revealed,
     * a commitment dismissed), without changing the ticket.
     */
    public void audit(TicketId id, Actor actor, String field, String before, String after) {
        store.audit(id, actor, field, before, after, store.now());
    }

    /**
     * Raises the priority of {@code ticket} to {@code to}, for an automatic rule: only if its priority is still
     * the one read in {@code ticket}, it is not merged, and it is below {@code to}. A priority someone set
     * meanwhile is never overwritten; other changes in between (a new message) do not stop the raise. One
     * statement and an audit entry; true when it was raised.
     */
    public boolean raisePriority(Ticket ticket, Priority to, Actor actor) {
        Instant now = store.now();
        int raised = store.jdbc()
                .sql("""
                        UPDATE ticket SET priority = ?, priority_rank = ?, version = version + 1, updated_at = ?
                        WHERE id = ? AND priority = ? AND merged_into_id IS NULL AND priority_rank < ?""")
                .params(
                        to.name(),
                        to.rank(),
                        Timestamp.from(now),
                        ticket.id().value(),
                        ticket.priority().name(),
                        to.rank())
                .update();
        if (raised == 0) {
            return false;
        }
        store.audit(ticket.id(), actor, "priority", ticket.priority(), to, now);
        return true;
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
