package org.rapport.wellbeing;

import java.util.Arrays;
import java.util.List;
import org.rapport.agent.Agent;
import org.rapport.agent.AgentQueries;
import org.rapport.shared.AgentId;
import org.rapport.shared.InvalidValueException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads and changes the abuse shield's settings (one row). */
@Service
public class ShieldSettingsStore {

    private final JdbcClient jdbc;
    private final AgentQueries agents;
    // Read for every analysed message: a few seconds' staleness is fine, a query per message is not.
    private volatile ShieldSettings cached;
    private volatile long cachedAt;
    private static final long CACHE_NANOS = 5_000_000_000L;

    ShieldSettingsStore(JdbcClient jdbc, AgentQueries agents) {
        this.jdbc = jdbc;
        this.agents = agents;
    }

    /** The settings as of at most a few seconds ago (and at once after a change through this store). */
    public ShieldSettings current() {
        ShieldSettings settings = cached;
        if (settings == null || System.nanoTime() - cachedAt > CACHE_NANOS) {
            settings = get();
            cached = settings;
            cachedAt = System.nanoTime();
        }
        return settings;
    }

    public ShieldSettings get() {
        return jdbc.sql("SELECT route_abusive, handlers, boundary_macro FROM wellbeing_settings WHERE id = 1")
                .query((rs, i) -> new ShieldSettings(
                        rs.getBoolean(1),
                        Arrays.stream((Long[]) rs.getArray(2).getArray())
                                .map(AgentId::new)
                                .toList(),
                        rs.getString(3)))
                .single();
    }

    @Transactional
    public ShieldSettings change(ShieldSettings settings) {
        String macro = settings.boundaryMacro() == null
                ? ""
                : org.rapport.shared.Texts.block(
                        "boundaryMacro", settings.boundaryMacro().strip(), ShieldSettings.MAX_MACRO);
        if (macro.isEmpty()) {
            throw new InvalidValueException("boundaryMacro", "the boundary reply must not be empty");
        }
        if (macro.length() > ShieldSettings.MAX_MACRO) {
            throw new InvalidValueException(
                    "boundaryMacro", "at most " + ShieldSettings.MAX_MACRO + " characters, got " + macro.length());
        }
        List<AgentId> handlers = settings.handlers() == null
                ? List.of()
                : settings.handlers().stream().distinct().toList();
        for (AgentId handler : handlers) {
            if (agents.find(handler).filter(Agent::active).isEmpty()) {
                throw new InvalidValueException(
                        "handlers", "agent " + handler.value() + " does not exist or is deactivated");
            }
        }
        if (settings.routeAbusive() && handlers.isEmpty()) {
            throw new InvalidValueException("handlers", "routing abusive senders needs at least one designated agent");
        }
        jdbc.sql("""
                        UPDATE wellbeing_settings SET route_abusive = ?, handlers = ?, boundary_macro = ?, updated_at = now()
                        WHERE id = 1""")
                .params(
                        settings.routeAbusive(),
                        handlers.stream().map(AgentId::value).toArray(Long[]::new),
                        macro)
                .update();
        cached = null;
        return get();
    }
}
