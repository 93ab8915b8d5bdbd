package org.rapport.guidance;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.rapport.shared.AgentId;
import org.rapport.shared.InvalidValueException;
import org.rapport.shared.NotFoundException;
import org.rapport.shared.Texts;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The company's accountability policies, versioned: a change is a new version under the same key, so an
 * assessment made under version 2 still shows what version 2 said.
 */
@Service
public class Policies {

    static final Set<String> REMEDIES = Set.of("refund", "replacement", "repair", "discount", "callback", "credit");
    private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9-]{0,49}");
    private static final String COLUMNS = """
            id, key, version, name, complaint_kind, keywords, refund_max, refund_days, remedies, supervisor_above,
            wording, active, created_at""";

    private final JdbcClient jdbc;

    Policies(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The latest version of every active policy. */
    public List<Policy> current() {
        return jdbc
                .sql("SELECT DISTINCT ON (key) " + COLUMNS + " FROM guidance_policy ORDER BY key, version DESC")
                .query(this::policy)
                .list()
                .stream()
                .filter(Policy::active)
                .toList();
    }

    public Optional<Policy> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM guidance_policy WHERE id = ?")
                .param(id)
                .query(this::policy)
                .optional();
    }

    public List<Policy> versions(String key) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM guidance_policy WHERE key = ? ORDER BY version DESC")
                .param(key)
                .query(this::policy)
                .list();
    }

    /**
     * What a policy version means today: the latest version of its key while the policy is in force (an
     * assessment made under version 1 is checked against the limits an admin has set since), else itself.
     */
    public Policy inForce(Policy version) {
        return versions(version.key()).stream()
                .findFirst()
                .filter(Policy::active)
                .orElse(version);
    }

    /** The policies with these ids (any version); an unknown id is an error, not silently ignored. */
    public List<Policy> get(Collection<Long> ids) {
        if (ids.stream().anyMatch(java.util.Objects::isNull)) {
            throw new InvalidValueException("policyIds", "a policy id must not be null");
        }
        return ids.stream()
                .distinct()
                .map(id -> find(id).orElseThrow(() -> new NotFoundException("Policy", id)))
                .toList();
    }

    @Transactional
    public Policy create(String key, PolicyDraft draft, AgentId by) {
        String checked = key == null ? "" : key.strip().toLowerCase(Locale.ROOT);
        if (!KEY.matcher(checked).matches()) {
            throw new InvalidValueException(
                    "key", "1–50 lower-case letters, digits or '-', starting with a letter or digit");
        }
        lock(checked);
        if (!versions(checked).isEmpty()) {
            throw new org.rapport.shared.ConflictException(
                    "a policy with key '" + checked + "' exists: change it instead");
        }
        return insert(checked, 1, draft, by);
    }

    /** The next version of the policy; the earlier versions stay as they were. */
    @Transactional
    public Policy revise(String key, PolicyDraft draft, AgentId by) {
        lock(key);
        Policy latest = versions(key).stream().findFirst().orElseThrow(() -> new NotFoundException("Policy", key));
        if (!latest.active()) {
            throw new org.rapport.shared.ConflictException("policy '" + key + "' is retired: add a new one instead");
        }
        return insert(key, latest.version() + 1, draft, by);
    }

    /** Retires a policy: a new, inactive version, so history shows when and by whom. */
    @Transactional
    public void retire(String key, AgentId by) {
        lock(key);
        Policy latest = versions(key).stream().findFirst().orElseThrow(() -> new NotFoundException("Policy", key));
        if (!latest.active()) {
            return; // retired already
        }
        Policy retired = insert(
                key,
                latest.version() + 1,
                new PolicyDraft(
                        latest.name(),
                        latest.complaintKind(),
                        latest.keywords(),
                        latest.limits().refundMax(),
                        latest.limits().refundDays(),
                        latest.limits().remedies(),
                        latest.limits().supervisorAbove(),
                        latest.wording()),
                by);
        jdbc.sql("UPDATE guidance_policy SET active = FALSE WHERE id = ?")
                .param(retired.id())
                .update();
    }

    /**
     * The active policies whose keywords appear in what the customer wrote, best match first: a
     * suggestion, the agent decides.
     */
    public List<Policy> suggest(String customerText) {
        if (customerText == null || customerText.isBlank()) {
            return List.of();
        }
        String text = " " + customerText.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ") + " ";
        record Match(Policy policy, long hits) {}
        return current().stream()
                .map(p -> new Match(
                        p,
                        p.keywords().stream()
                                .filter(k -> text.contains(" " + k + " "))
                                .count()))
                .filter(m -> m.hits() > 0)
                .sorted((a, b) -> Long.compare(b.hits(), a.hits()))
                .map(Match::policy)
                .toList();
    }

    /** Versions of one key are numbered one after the other: one writer per key at a time. */
    private void lock(String key) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext(?))")
                .param("guidance_policy:" + key)
                .query()
                .singleRow();
    }

    private Policy insert(String key, int version, PolicyDraft draft, AgentId by) {
        String name = Texts.line("name", draft.name(), 200, true);
        String kind = Texts.line("complaintKind", draft.complaintKind(), 200, true);
        List<String> keywords = draft.keywords() == null
                ? List.of()
                : draft.keywords().stream()
                        .filter(java.util.Objects::nonNull)
                        .map(k -> Texts.line("keywords", k, 50, false))
                        .filter(java.util.Objects::nonNull)
                        .map(k -> k.toLowerCase(Locale.ROOT))
                        .filter(k -> !k.isEmpty())
                        .distinct()
                        .toList();
        if (keywords.size() > 50 || keywords.stream().anyMatch(k -> k.length() > 50)) {
            throw new InvalidValueException("keywords", "at most 50 keywords of at most 50 characters");
        }
        Set<String> remedies = new LinkedHashSet<>();
        for (String remedy : draft.remedies() == null ? Set.<String>of() : draft.remedies()) {
            if (remedy == null) {
                throw new InvalidValueException("remedies", "a remedy must not be null");
            }
            String r = remedy.strip().toLowerCase(Locale.ROOT);
            if (!REMEDIES.contains(r)) {
                throw new InvalidValueException("remedies", "'" + remedy + "' is not one of " + REMEDIES);
            }
            remedies.add(r);
        }
        positive("refundMax", draft.refundMax());
        positive("supervisorAbove", draft.supervisorAbove());
        if (draft.refundDays() != null && (draft.refundDays() < 0 || draft.refundDays() > 3650)) {
            throw new InvalidValueException("refundDays", "0 to 3650 days");
        }
        if (draft.refundMax() != null
                && draft.supervisorAbove() != null
                && draft.supervisorAbove().compareTo(draft.refundMax()) < 0) {
            throw new InvalidValueException(
                    "supervisorAbove",
                    "must not be below refundMax: amounts an agent may give alone need no supervisor");
        }
        String wording = draft.wording() == null
                ? ""
                : Texts.block("wording", draft.wording().strip(), 4000);
        long id = jdbc.sql("""
                        INSERT INTO guidance_policy (key, version, name, complaint_kind, keywords, refund_max, refund_days,
                          remedies, supervisor_above, wording, created_by)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(
                        key,
                        version,
                        name,
                        kind,
                        keywords.toArray(String[]::new),
                        draft.refundMax(),
                        draft.refundDays(),
                        remedies.toArray(String[]::new),
                        draft.supervisorAbove(),
                        wording,
                        by == null ? null : by.value())
                .query(Long.class)
                .single();
        return find(id).orElseThrow();
    }

    private static void positive(String field, BigDecimal amount) {
        if (amount != null && (amount.signum() < 0 || amount.compareTo(new BigDecimal("100000000")) >= 0)) {
            throw new InvalidValueException(field, "an amount from 0 to 99,999,999.99");
        }
    }

    private Policy policy(ResultSet rs, int row) throws SQLException {
        return new Policy(
                rs.getLong("id"),
                rs.getString("key"),
                rs.getInt("version"),
                rs.getString("name"),
                rs.getString("complaint_kind"),
                strings(rs.getArray("keywords")),
                new PolicyLimits(
                        rs.getBigDecimal("refund_max"),
                        (Integer) rs.getObject("refund_days"),
                        new LinkedHashSet<>(strings(rs.getArray("remedies"))),
                        rs.getBigDecimal("supervisor_above")),
                rs.getString("wording"),
                rs.getBoolean("active"),
                rs.getTimestamp("created_at").toInstant());
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
