package org.rapport.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.rapport.agent.Agent;
import org.rapport.agent.AgentQueries;
import org.rapport.shared.AgentId;
import org.rapport.shared.InvalidValueException;
import org.rapport.shared.NotFoundException;
import org.rapport.shared.Texts;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * API tokens. The secret is shown once; only its SHA-256 is stored (a token is 256 random bits, so a
 * fast hash is enough and keeps every request cheap). Verified callers are cached for a few seconds;
 * revoking through this service takes effect at once.
 */
@Service
@Transactional
public class ApiTokens {

    static final String PREFIX = "rpt_";
    private static final Duration CACHE_FOR = Duration.ofSeconds(5);
    private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);
    private static final int MAX_CACHED = 10_000;

    private final JdbcClient jdbc;
    private final AgentQueries agents;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(Caller caller, Instant until) {}

    ApiTokens(JdbcClient jdbc, AgentQueries agents, Clock clock, TransactionTemplate transactions) {
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.agents = agents;
        this.clock = clock;
    }

    public CreatedToken create(AgentId agent, String name, Set<Scope> scopes) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return create(
                agent,
                name,
                scopes,
                PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** A token with a secret chosen by an operator, as provisioning tools do. */
    public CreatedToken create(AgentId agent, String name, Set<Scope> scopes, String secret) {
        if (secret == null || secret.length() < 24 || secret.length() > 200 || !secret.matches("[\\x21-\\x7e]+")) {
            throw new InvalidValueException("secret", "a token secret is 24–200 printable characters without spaces");
        }
        if (scopes == null || scopes.isEmpty()) {
            throw new InvalidValueException("scopes", "a token needs at least one scope: read or write");
        }
        agents.find(agent)
                .filter(Agent::active)
                .orElseThrow(() -> new InvalidValueException(
                        "agent", "agent " + agent.value() + " does not exist or is deactivated"));
        Set<Scope> granted = EnumSet.copyOf(scopes);
        if (granted.contains(Scope.WRITE)) {
            granted.add(Scope.READ);
        }
        long id = jdbc.sql("""
                INSERT INTO access_api_token (agent_id, name, secret_hash, hint, scopes, created_at)
                VALUES (?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(
                        agent.value(),
                        Texts.line("name", name, 100, true),
                        hash(secret),
                        "…" + secret.substring(secret.length() - 4),
                        granted.stream().map(Enum::name).toArray(String[]::new),
                        Timestamp.from(clock.instant()))
                .query(Long.class)
                .single();
        return new CreatedToken(find(id).orElseThrow(), secret);
    }

    public boolean exists(String secret) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM access_api_token WHERE secret_hash = ?)")
                .param(hash(secret))
                .query(Boolean.class)
                .single();
    }

    @Transactional(readOnly = true)
    public List<ApiToken> all() {
        return jdbc.sql("SELECT * FROM access_api_token ORDER BY id")
                .query(this::row)
                .list();
    }

    @Transactional(readOnly = true)
    public Optional<ApiToken> find(long id) {
        return jdbc.sql("SELECT * FROM access_api_token WHERE id = ?")
                .param(id)
                .query(this::row)
                .optional();
    }

    public void revoke(long id) {
        int changed = jdbc.sql("UPDATE access_api_token SET revoked_at = coalesce(revoked_at, ?) WHERE id = ?")
                .params(Timestamp.from(clock.instant()), id)
                .update();
        if (changed == 0) {
            throw new NotFoundException("Token", id);
        }
        cache.values().removeIf(c -> c.caller().tokenId() == id);
    }

    /**
     * The caller a presented secret stands for, if it is a live token of an active agent. Outside any
     * transaction, so that a cached caller costs no database connection.
     */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.NOT_SUPPORTED)
    public Optional<Caller> authenticate(String secret) {
        if (secret == null || secret.length() > 200) {
            return Optional.empty();
        }
        String hash = hash(secret);
        Instant now = clock.instant();
        Cached cached = cache.get(hash);
        if (cached != null && cached.until().isAfter(now)) {
            return Optional.of(cached.caller());
        }
        // One connection for the whole miss, and nothing nested inside a result set: 32 concurrent misses
        // once each held a connection while asking the pool for a second, and starved it.
        Optional<Caller> caller = transactions.execute(status -> load(hash, now));
        if (cache.size() > MAX_CACHED) {
            cache.clear();
        }
        caller.ifPresent(c -> cache.put(hash, new Cached(c, now.plus(CACHE_FOR))));
        return caller;
    }

    private Optional<Caller> load(String hash, Instant now) {
        record Row(long id, String name, Set<Scope> scopes, Instant lastUsed, long agent) {}
        Optional<Row> row = jdbc.sql("""
                        SELECT t.id, t.name, t.scopes, t.last_used_at, t.agent_id FROM access_api_token t JOIN agent a ON a.id = t.agent_id
                        WHERE t.secret_hash = ? AND t.revoked_at IS NULL AND a.active""")
                .param(hash)
                .query((rs, n) -> new Row(
                        rs.getLong("id"),
                        rs.getString("name"),
                        scopes(rs.getArray("scopes")),
                        Optional.ofNullable(rs.getTimestamp("last_used_at"))
                                .map(Timestamp::toInstant)
                                .orElse(null),
                        rs.getLong("agent_id")))
                .optional();
        if (row.isEmpty()) {
            return Optional.empty();
        }
        Row token = row.get();
        if (token.lastUsed() == null
                || token.lastUsed().plus(LAST_USED_RESOLUTION).isBefore(now)) {
            jdbc.sql("UPDATE access_api_token SET last_used_at = ? WHERE id = ?")
                    .params(Timestamp.from(now), token.id())
                    .update();
        }
        Agent agent = agents.find(new AgentId(token.agent())).orElseThrow();
        return Optional.of(new Caller(
                agent.id(), agent.name(), agent.role(), agent.teams(), token.id(), token.name(), token.scopes()));
    }

    /** Forget cached callers, e.g. after an agent's role or teams changed. */
    public void forgetCachedCallers() {
        cache.clear();
    }

    static String hash(String secret) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private ApiToken row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new ApiToken(
                rs.getLong("id"),
                new AgentId(rs.getLong("agent_id")),
                rs.getString("name"),
                rs.getString("hint"),
                scopes(rs.getArray("scopes")),
                rs.getTimestamp("created_at").toInstant(),
                Optional.ofNullable(rs.getTimestamp("last_used_at"))
                        .map(Timestamp::toInstant)
                        .orElse(null),
                Optional.ofNullable(rs.getTimestamp("revoked_at"))
                        .map(Timestamp::toInstant)
                        .orElse(null));
    }

    private static Set<Scope> scopes(java.sql.Array array) throws java.sql.SQLException {
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (String scope : (String[]) array.getArray()) {
            scopes.add(Scope.valueOf(scope));
        }
        return scopes;
    }
}
