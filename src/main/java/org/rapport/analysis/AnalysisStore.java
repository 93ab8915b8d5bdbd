package org.rapport.analysis;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rapport.shared.MessageId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The stored analyses, one per customer message, and how far the catch-up scan has checked. */
@Repository
class AnalysisStore {

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final JsonMapper json;

    AnalysisStore(JdbcClient jdbc, JdbcTemplate batch, JsonMapper json) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.json = json;
    }

    private static final String INSERT = """
            INSERT INTO analysis_result (message_id, analysed, language, valence, anger, worry, gratitude,
              urgent, escalation, abuse_category, abuse_severity, abuse_target, result)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS JSONB))
            ON CONFLICT (message_id) DO NOTHING""";

    /** Stores the analysis unless one is there already; true when this call stored it. */
    boolean insert(MessageId message, Analysis a) {
        return jdbc.sql(INSERT).params(row(message, a)).update() > 0;
    }

    /**
     * Stores each analysis unless one is there already, in one round trip (a JDBC batch); element k is true
     * when analysis k was stored by this call.
     */
    boolean[] insertAll(List<MessageId> messages, List<Analysis> analyses) {
        List<Object[]> rows = new java.util.ArrayList<>(messages.size());
        for (int k = 0; k < messages.size(); k++) {
            rows.add(row(messages.get(k), analyses.get(k)));
        }
        int[] counts = batch.batchUpdate(INSERT, rows);
        boolean[] stored = new boolean[counts.length];
        for (int k = 0; k < counts.length; k++) {
            stored[k] = counts[k] > 0;
        }
        return stored;
    }

    private Object[] row(MessageId message, Analysis a) {
        return new Object[] {
            message.value(),
            a.analysed(),
            a.language() == null ? "und" : a.language(),
            a.valence(),
            a.anger(),
            a.worry(),
            a.gratitude(),
            a.urgent(),
            a.escalation().toArray(String[]::new),
            a.abuse().category(),
            a.abuse().severity(),
            a.abuse().target(),
            json.writeValueAsString(a)
        };
    }

    Map<MessageId, Analysis> find(Collection<MessageId> messages) {
        if (messages.isEmpty()) {
            return Map.of();
        }
        Map<MessageId, Analysis> found = new HashMap<>();
        jdbc.sql("SELECT message_id, result FROM analysis_result WHERE message_id = ANY(?)")
                .param(ids(messages))
                .query(rs -> {
                    found.put(new MessageId(rs.getLong(1)), json.readValue(rs.getString(2), Analysis.class));
                });
        return found;
    }

    Set<MessageId> analysed(Collection<MessageId> messages) {
        if (messages.isEmpty()) {
            return Set.of();
        }
        List<MessageId> done = jdbc.sql("SELECT message_id FROM analysis_result WHERE message_id = ANY(?)")
                .param(ids(messages))
                .query((rs, i) -> new MessageId(rs.getLong(1)))
                .list();
        return new HashSet<>(done);
    }

    long checkedUpTo() {
        return jdbc.sql("SELECT checked_up_to FROM analysis_progress WHERE id = 1")
                .query(Long.class)
                .single();
    }

    void checked(long upTo) {
        jdbc.sql("UPDATE analysis_progress SET checked_up_to = GREATEST(checked_up_to, ?) WHERE id = 1")
                .param(upTo)
                .update();
    }

    private static Long[] ids(Collection<MessageId> messages) {
        return messages.stream().map(MessageId::value).toArray(Long[]::new);
    }
}
