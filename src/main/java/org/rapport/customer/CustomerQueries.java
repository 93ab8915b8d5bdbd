package org.rapport.customer;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rapport.shared.CustomerId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads customers. */
@Service
@Transactional(readOnly = true)
public class CustomerQueries {

    private static final String SELECT = """
            SELECT c.id, c.name, o.name AS organization, c.language, c.time_zone, c.notes, c.tags,
                   c.merged_into_id, c.version, c.created_at, c.updated_at
            FROM customer c LEFT JOIN customer_organization o ON o.id = c.organization_id
            """;

    private final JdbcClient jdbc;
    private final CustomerAudit audit;

    CustomerQueries(JdbcClient jdbc, CustomerAudit audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    public Optional<Customer> find(CustomerId id) {
        return jdbc.sql(SELECT + " WHERE c.id = ?")
                .param(id.value())
                .query(this::row)
                .optional()
                .map(c -> withIdentities(List.of(c)).getFirst());
    }

    /** The customer that now stands for {@code id}, following merges; empty when there is none. */
    public Optional<CustomerId> survivor(CustomerId id) {
        CustomerId current = id;
        for (int hops = 0; hops < 100; hops++) {
            Optional<Long> mergedInto = jdbc.sql("SELECT coalesce(merged_into_id, 0) FROM customer WHERE id = ?")
                    .param(current.value())
                    .query(Long.class)
                    .optional();
            if (mergedInto.isEmpty()) {
                return Optional.empty();
            }
            if (mergedInto.get() == 0) {
                return Optional.of(current);
            }
            current = new CustomerId(mergedInto.get());
        }
        throw new IllegalStateException("customer " + id.value() + " is in a merge cycle");
    }

    public Optional<CustomerId> findByIdentity(Identity identity) {
        return jdbc.sql("SELECT customer_id FROM customer_identity WHERE kind = ? AND value = ?")
                .params(identity.kind().name(), identity.value())
                .query(Long.class)
                .optional()
                .map(CustomerId::new);
    }

    /**
     * Customers whose name or any identity contains {@code text} (all when blank), newest first, after
     * the cursor id. Merged-away records are left out.
     */
    public List<Customer> search(String text, Long beforeId, int limit) {
        String pattern = text == null || text.isBlank()
                ? null
                : "%" + escapeLike(text.trim().toLowerCase()) + "%";
        List<Customer> customers = jdbc.sql(SELECT + """
                WHERE c.merged_into_id IS NULL
                  AND (CAST(:before AS BIGINT) IS NULL OR c.id < :before)
                  AND (CAST(:pattern AS TEXT) IS NULL OR lower(c.name) LIKE :pattern
                       OR EXISTS (SELECT 1 FROM customer_identity i WHERE i.customer_id = c.id AND i.value LIKE :pattern))
                ORDER BY c.id DESC LIMIT :limit""")
                .param("before", beforeId)
                .param("pattern", pattern)
                .param("limit", limit)
                .query(this::row)
                .list();
        return withIdentities(customers);
    }

    /** The customer's failing identities (as {@code kind:value}) with why they fail. */
    public Map<String, String> failing(CustomerId id) {
        Map<String, String> failing = new java.util.LinkedHashMap<>();
        jdbc.sql("""
                        SELECT kind, value, failure FROM customer_identity
                        WHERE customer_id = ? AND failing_since IS NOT NULL ORDER BY failing_since""")
                .param(id.value())
                .query((rs, n) -> Map.entry(
                        rs.getString(1).toLowerCase(java.util.Locale.ROOT) + ":" + rs.getString(2), rs.getString(3)))
                .list()
                .forEach(e -> failing.put(e.getKey(), e.getValue()));
        return failing;
    }

    public List<CustomerAuditEntry> auditTrail(CustomerId id) {
        return audit.entries(id);
    }

    public Map<CustomerId, String> names(List<CustomerId> ids) {
        Map<CustomerId, String> names = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return names;
        }
        jdbc.sql("SELECT id, name FROM customer WHERE id = ANY(?)")
                .param(ids.stream().mapToLong(CustomerId::value).boxed().toArray(Long[]::new))
                .query(rs -> {
                    names.put(new CustomerId(rs.getLong(1)), rs.getString(2));
                });
        return names;
    }

    private List<Customer> withIdentities(List<Customer> customers) {
        if (customers.isEmpty()) {
            return customers;
        }
        Long[] ids = customers.stream().map(c -> c.id().value()).toArray(Long[]::new);
        Map<Long, List<Identity>> identities = new LinkedHashMap<>();
        jdbc.sql("SELECT customer_id, kind, value FROM customer_identity WHERE customer_id = ANY(?) ORDER BY id")
                .param(ids)
                .query(rs -> {
                    identities
                            .computeIfAbsent(rs.getLong(1), k -> new java.util.ArrayList<>())
                            .add(new Identity(IdentityKind.valueOf(rs.getString(2)), rs.getString(3)));
                });
        return customers.stream()
                .map(c -> new Customer(
                        c.id(),
                        c.name(),
                        c.organization(),
                        c.language(),
                        c.timeZone(),
                        c.notes(),
                        c.tags(),
                        identities.getOrDefault(c.id().value(), List.of()),
                        c.mergedInto(),
                        c.version(),
                        c.createdAt(),
                        c.updatedAt()))
                .toList();
    }

    private Customer row(ResultSet rs, int n) throws SQLException {
        Long mergedInto = (Long) rs.getObject("merged_into_id");
        return new Customer(
                new CustomerId(rs.getLong("id")),
                rs.getString("name"),
                rs.getString("organization"),
                rs.getString("language"),
                rs.getString("time_zone"),
                rs.getString("notes"),
                strings(rs.getArray("tags")),
                List.of(),
                mergedInto == null ? null : new CustomerId(mergedInto),
                rs.getLong("version"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }

    static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
