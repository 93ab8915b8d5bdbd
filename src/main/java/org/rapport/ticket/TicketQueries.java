package org.rapport.ticket;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.rapport.shared.AgentId;
import org.rapport.shared.ChannelKind;
import org.rapport.shared.CustomerId;
import org.rapport.shared.InvalidValueException;
import org.rapport.shared.MessageId;
import org.rapport.shared.NotFoundException;
import org.rapport.shared.TeamId;
import org.rapport.shared.TicketId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Reads tickets, their messages and audit trail, always within a viewer's {@link TicketScope}. */
@Service
@Transactional(readOnly = true)
public class TicketQueries {

    static final String COLUMNS = """
            id, number, subject, customer_id, channel, status, priority, team_id, assignee_id, tags, custom_fields,
            merged_into_id, follow_up_of_id, split_from_id, version, created_at, updated_at, first_response_at,
            solved_at, last_customer_message_at""";
    private static final String SCOPE =
            "(CAST(:all AS BOOLEAN) OR team_id IS NULL OR team_id = ANY(:teams) OR assignee_id = :agent)";
    private static final Instant EARLIEST = Instant.EPOCH;
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");
    private static final TypeReference<Map<String, Object>> FIELDS = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final TicketAudit audit;

    TicketQueries(JdbcClient jdbc, JsonMapper json, TicketAudit audit) {
        this.jdbc = jdbc;
        this.json = json;
        this.audit = audit;
    }

    public Optional<Ticket> find(TicketId id, TicketScope scope) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM ticket WHERE id = :id AND " + SCOPE)
                .param("id", id.value())
                .params(scopeParams(scope))
                .query(this::row)
                .optional();
    }

    public Ticket get(TicketId id, TicketScope scope) {
        return find(id, scope).orElseThrow(() -> new NotFoundException("Ticket", id.value()));
    }

    /**
     * How many tickets match, counted up to {@code cap}: a view's badge needs "how many, roughly", and a
     * capped count stays cheap however large the table grows.
     */
    public long count(TicketFilter filter, TicketScope scope, int cap) {
        StringBuilder sql = new StringBuilder("SELECT count(*) FROM (SELECT 1 FROM ticket WHERE ");
        Map<String, Object> params = where(filter, scope, sql);
        sql.append(" LIMIT :cap) counted");
        params.put("cap", cap);
        return jdbc.sql(sql.toString()).params(params).query(Long.class).single();
    }

    /**
     * The conditions of a list or count. Statuses and ids are written into the SQL as literals (enum names
     * and numbers) and the "sees everything" scope adds no condition at all: then the planner can prove that the
     * partial indexes over active tickets apply, whatever plan it caches.
     */
    /** Ids as SQL literals: numbers only, so nothing can be injected, and the planner sees the values. */
    private static String ids(java.util.stream.Stream<Long> ids) {
        String list = ids.sorted().map(String::valueOf).collect(Collectors.joining(", "));
        return list.isEmpty() ? "-1" : list;
    }

    private Map<String, Object> where(TicketFilter filter, TicketScope scope, StringBuilder sql) {
        sql.append("merged_into_id IS NULL");
        Map<String, Object> params = new HashMap<>();
        if (!scope.all()) {
            sql.append(" AND (team_id IS NULL OR team_id IN (")
                    .append(ids(scope.teams().stream().map(TeamId::value)))
                    .append(") OR assignee_id = ")
                    .append(scope.agent() == null ? -1L : scope.agent().value())
                    .append(")");
        }
        if (!filter.statuses().isEmpty()) {
            sql.append(filter.statuses().stream()
                    .map(status -> "'" + status.name() + "'")
                    .sorted()
                    .collect(Collectors.joining(", ", " AND status IN (", ")")));
        }
        if (!filter.priorities().isEmpty()) {
            sql.append(" AND priority = ANY(:priorities)");
            params.put(
                    "priorities", filter.priorities().stream().map(Enum::name).toArray(String[]::new));
        }
        if (!filter.teams().isEmpty()) {
            sql.append(" AND team_id IN (")
                    .append(ids(filter.teams().stream().map(TeamId::value)))
                    .append(")");
        }
        if (filter.assignees().isEmpty() && filter.unassigned()) {
            sql.append(" AND assignee_id IS NULL");
        } else if (!filter.assignees().isEmpty()) {
            sql.append(" AND (assignee_id IN (")
                    .append(ids(filter.assignees().stream().map(AgentId::value)))
                    .append(filter.unassigned() ? ") OR assignee_id IS NULL)" : "))");
        }
        if (filter.customer() != null) {
            sql.append(" AND customer_id = :customer");
            params.put("customer", filter.customer().value());
        }
        if (filter.tag() != null) {
            sql.append(" AND tags <> '{}' AND tags @> ARRAY[CAST(:tag AS TEXT)]");
            params.put("tag", filter.tag());
        }
        if (!filter.channels().isEmpty()) {
            sql.append(" AND channel = ANY(:channels)");
            params.put("channels", filter.channels().stream().map(Enum::name).toArray(String[]::new));
        }
        range(sql, params, "created_at", "createdFrom", filter.createdFrom(), ">=");
        range(sql, params, "created_at", "createdTo", filter.createdTo(), "<");
        range(sql, params, "updated_at", "updatedFrom", filter.updatedFrom(), ">=");
        range(sql, params, "updated_at", "updatedTo", filter.updatedTo(), "<");
        return params;
    }

    public TicketPage list(TicketFilter filter, TicketScope scope, TicketSort sort, String cursor, int limit) {
        // The page's ids first (an index-only scan and a small sort when the order comes from a partial
        // index), then only those rows: sorting whole rows read 1,800 tickets for a 50-row page.
        StringBuilder sql = new StringBuilder("SELECT id FROM ticket WHERE ");
        Map<String, Object> params = where(filter, scope, sql);
        if (cursor != null && !cursor.isBlank()) {
            TicketCursor position = TicketCursor.decode(cursor, sort);
            sql.append(" AND (")
                    .append(sort.column)
                    .append(", id) ")
                    .append(sort.ascending ? ">" : "<")
                    .append(" (:after, :afterId)");
            params.put(
                    "after",
                    sort.byTime()
                            ? Timestamp.from(Instant.EPOCH.plus(position.value(), ChronoUnit.MICROS))
                            : position.value());
            params.put("afterId", position.id());
        }
        String direction = sort.ascending ? " ASC" : " DESC";
        String order = " ORDER BY " + sort.column + direction + ", id" + direction;
        sql.insert(0, "SELECT " + COLUMNS + " FROM ticket WHERE id IN (")
                .append(order)
                .append(" LIMIT :limit)")
                .append(order);
        params.put("limit", limit + 1);
        List<Ticket> tickets = new ArrayList<>(
                jdbc.sql(sql.toString()).params(params).query(this::row).list());
        String next = null;
        if (tickets.size() > limit) {
            tickets.removeLast();
            Ticket last = tickets.getLast();
            long value = switch (sort) {
                case WAITING_ASC, WAITING_DESC -> ChronoUnit.MICROS.between(Instant.EPOCH, last.waitingSince());
                case CREATED_ASC, CREATED_DESC -> ChronoUnit.MICROS.between(Instant.EPOCH, last.createdAt());
                case UPDATED_ASC, UPDATED_DESC -> ChronoUnit.MICROS.between(Instant.EPOCH, last.updatedAt());
                case PRIORITY_ASC, PRIORITY_DESC -> last.priority().rank();
            };
            next = new TicketCursor(sort, value, last.id().value()).encode();
        }
        return new TicketPage(tickets, next);
    }

    public List<Message> messages(TicketId id, TicketScope scope) {
        get(id, scope);
        List<Message> messages =
                jdbc.sql("""
                SELECT id, ticket_id, original_ticket_id, kind, direction, author_kind, author_id, channel, body_text, body_html, created_at, automatic
                FROM ticket_message WHERE ticket_id = ? ORDER BY created_at, id""").param(id.value()).query(this::message).list();
        return withAttachments(messages);
    }

    /** A customer's latest messages across all their tickets the scope covers, newest first. */
    public List<Message> customerTimeline(CustomerId customer, TicketScope scope, int limit) {
        Map<String, Object> params = scopeParams(scope);
        params.put("customer", customer.value());
        params.put("limit", limit);
        List<Message> messages =
                jdbc.sql("""
                        SELECT m.id, m.ticket_id, m.original_ticket_id, m.kind, m.direction, m.author_kind, m.author_id, m.channel,
                          m.body_text, m.body_html, m.created_at, m.automatic
                        FROM ticket_message m JOIN ticket ON ticket.id = m.ticket_id
                        WHERE ticket.customer_id = :customer AND ticket.merged_into_id IS NULL AND """ + SCOPE + """
                         ORDER BY m.created_at DESC, m.id DESC LIMIT :limit""").params(params).query(this::message).list();
        return withAttachments(messages);
    }

    /** The customers' own messages among these, automatic ones included, with the ticket each is on now. */
    public List<CustomerText> customerTexts(java.util.Collection<MessageId> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        SELECT m.id, m.ticket_id, t.customer_id, m.body_text, m.automatic, m.created_at
                        FROM ticket_message m JOIN ticket t ON t.id = m.ticket_id
                        WHERE m.id = ANY(?) AND m.author_kind = 'CUSTOMER' ORDER BY m.id""")
                .param(ids.stream().map(MessageId::value).toArray(Long[]::new))
                .query((rs, i) -> new CustomerText(
                        new MessageId(rs.getLong(1)),
                        new TicketId(rs.getLong(2)),
                        new CustomerId(rs.getLong(3)),
                        rs.getString(4),
                        rs.getBoolean(5),
                        rs.getTimestamp(6).toInstant()))
                .list();
    }

    /** Ids of customer messages after {@code after} (by id) written before {@code before}, oldest first. */
    public List<MessageId> customerMessagesAfter(long after, Instant before, int limit) {
        return jdbc.sql("""
                        SELECT id FROM ticket_message WHERE id > ? AND created_at < ? AND author_kind = 'CUSTOMER'
                        ORDER BY id LIMIT ?""")
                .params(after, java.sql.Timestamp.from(before), limit)
                .query((rs, i) -> new MessageId(rs.getLong(1)))
                .list();
    }

    public Optional<Message> message(MessageId id, TicketScope scope) {
        return jdbc.sql("""
                SELECT id, ticket_id, original_ticket_id, kind, direction, author_kind, author_id, channel, body_text, body_html, created_at, automatic
                FROM ticket_message WHERE id = ?""")
                .param(id.value())
                .query(this::message)
                .optional()
                .filter(m -> find(m.ticket(), scope).isPresent())
                .map(m -> withAttachments(List.of(m)).getFirst());
    }

    public List<TicketAuditEntry> auditTrail(TicketId id, TicketScope scope) {
        get(id, scope);
        return audit.entries(id);
    }

    /** A ticket by its human-readable number, for channels that carry it (subject tokens). */
    public Optional<Ticket> findByNumber(long number) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM ticket WHERE number = ?")
                .param(number)
                .query(this::row)
                .optional();
    }

    /** Whether any ticket, merged ones included, belongs to this customer. */
    public boolean anyOf(CustomerId customer) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM ticket WHERE customer_id = ?)")
                .param(customer.value())
                .query(Boolean.class)
                .single();
    }

    /** Every tag in use with the number of tickets carrying it, most used first. */
    public Map<String, Long> tagCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.sql(
                        "SELECT tag, count(*) FROM ticket, unnest(tags) AS tag WHERE tags <> '{}' GROUP BY tag ORDER BY count(*) DESC, tag LIMIT 1000")
                .query(rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                });
        return counts;
    }

    private List<Message> withAttachments(List<Message> messages) {
        if (messages.isEmpty()) {
            return messages;
        }
        Map<Long, List<Attachment>> byMessage = new LinkedHashMap<>();
        jdbc.sql(
                        "SELECT id, message_id, file_name, media_type, size, sha256 FROM ticket_attachment WHERE message_id = ANY(?) ORDER BY id")
                .param(messages.stream().map(m -> m.id().value()).toArray(Long[]::new))
                .query(rs -> {
                    byMessage
                            .computeIfAbsent(rs.getLong("message_id"), k -> new ArrayList<>())
                            .add(new Attachment(
                                    rs.getLong("id"),
                                    rs.getString("file_name"),
                                    rs.getString("media_type"),
                                    rs.getLong("size"),
                                    rs.getString("sha256")));
                });
        return messages.stream()
                .map(m -> new Message(
                        m.id(),
                        m.ticket(),
                        m.originalTicket(),
                        m.kind(),
                        m.direction(),
                        m.authorKind(),
                        m.authorId(),
                        m.channel(),
                        m.text(),
                        m.html(),
                        byMessage.getOrDefault(m.id().value(), List.of()),
                        m.createdAt(),
                        m.automatic()))
                .toList();
    }

    private static void range(
            StringBuilder sql, Map<String, Object> params, String column, String name, Instant value, String operator) {
        if (value != null && (value.isBefore(EARLIEST) || value.isAfter(LATEST))) {
            throw new InvalidValueException(name, name + " must be between year 1970 and 9999");
        }
        if (value != null) {
            sql.append(" AND ")
                    .append(column)
                    .append(' ')
                    .append(operator)
                    .append(" :")
                    .append(name);
            params.put(name, Timestamp.from(value));
        }
    }

    static Map<String, Object> scopeParams(TicketScope scope) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("all", scope.all());
        params.put("teams", scope.teamIds());
        params.put("agent", scope.agent() == null ? -1L : scope.agent().value());
        return params;
    }

    Ticket row(ResultSet rs, int n) throws SQLException {
        return new Ticket(
                new TicketId(rs.getLong("id")),
                rs.getLong("number"),
                rs.getString("subject"),
                new CustomerId(rs.getLong("customer_id")),
                ChannelKind.valueOf(rs.getString("channel")),
                TicketStatus.valueOf(rs.getString("status")),
                Priority.valueOf(rs.getString("priority")),
                id(rs, "team_id", TeamId::new),
                id(rs, "assignee_id", AgentId::new),
                strings(rs.getArray("tags")),
                json.readValue(rs.getString("custom_fields"), FIELDS),
                id(rs, "merged_into_id", TicketId::new),
                id(rs, "follow_up_of_id", TicketId::new),
                id(rs, "split_from_id", TicketId::new),
                rs.getLong("version"),
                instant(rs, "created_at"),
                instant(rs, "updated_at"),
                instant(rs, "first_response_at"),
                instant(rs, "solved_at"),
                instant(rs, "last_customer_message_at"));
    }

    private Message message(ResultSet rs, int n) throws SQLException {
        return new Message(
                new MessageId(rs.getLong("id")),
                new TicketId(rs.getLong("ticket_id")),
                new TicketId(rs.getLong("original_ticket_id")),
                MessageKind.valueOf(rs.getString("kind")),
                Direction.valueOf(rs.getString("direction")),
                AuthorKind.valueOf(rs.getString("author_kind")),
                (Long) rs.getObject("author_id"),
                ChannelKind.valueOf(rs.getString("channel")),
                rs.getString("body_text"),
                rs.getString("body_html"),
                List.of(),
                instant(rs, "created_at"),
                rs.getBoolean("automatic"));
    }

    private static <T> T id(ResultSet rs, String column, java.util.function.LongFunction<T> wrap) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : wrap.apply(value);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
