package org.rapport.analysis;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rapport.shared.MessageId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The stored analyses, one per customer message, and how far the catch-up scan has checked. */
@Repository
class AnalysisStore {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    AnalysisStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
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
     * Stores each analysis unless one is there already, in one statement; element k is true when analysis k
     * was stored by this call. The rows go in as arrays and the stored ids come back from RETURNING, which
     * holds whatever the JDBC driver does with batch update counts.
     */
    boolean[] insertAll(List<MessageId> messages, List<Analysis> analyses) {
        int n = messages.size();
        Long[] ids = new Long[n];
        Boolean[] analysed = new Boolean[n];
        String[] languages = new String[n];
        Double[] valence = new Double[n];
        Double[] anger = new Double[n];
        Double[] worry = new Double[n];
        Double[] gratitude = new Double[n];
        Boolean[] urgent = new Boolean[n];
        String[] escalation = new String[n];
        String[] category = new String[n];
        String[] severity = new String[n];
        String[] target = new String[n];
        String[] results = new String[n];
        for (int k = 0; k < n; k++) {
            Analysis a = analyses.get(k);
            ids[k] = messages.get(k).value();
            analysed[k] = a.analysed();
            languages[k] = a.language() == null ? "und" : a.language();
            valence[k] = a.valence();
            anger[k] = a.anger();
            worry[k] = a.worry();
            gratitude[k] = a.gratitude();
            urgent[k] = a.urgent();
            escalation[k] = json.writeValueAsString(a.escalation());
            category[k] = a.abuse().category();
            severity[k] = a.abuse().severity();
            target[k] = a.abuse().target();
            results[k] = json.writeValueAsString(a);
        }
        Set<Long> stored = new HashSet<>(jdbc.sql("""
                        INSERT INTO analysis_result (message_id, analysed, language, valence, anger, worry, gratitude,
                          urgent, escalation, abuse_category, abuse_severity, abuse_target, result)
                        SELECT m, a, l, v, an, w, g, u, ARRAY(SELECT jsonb_array_elements_text(CAST(e AS JSONB))),
                               c, sv, tg, CAST(r AS JSONB)
                        FROM unnest(CAST(? AS BIGINT[]), CAST(? AS BOOLEAN[]), CAST(? AS TEXT[]), CAST(? AS REAL[]),
                                    CAST(? AS REAL[]), CAST(? AS REAL[]), CAST(? AS REAL[]), CAST(? AS BOOLEAN[]),
                                    CAST(? AS TEXT[]), CAST(? AS TEXT[]), CAST(? AS TEXT[]), CAST(? AS TEXT[]),
                                    CAST(? AS TEXT[])) AS t(m, a, l, v, an, w, g, u, e, c, sv, tg, r)
                        ON CONFLICT (message_id) DO NOTHING
                        RETURNING message_id""")
                .params(
                        ids,
                        analysed,
                        languages,
                        valence,
                        anger,
                        worry,
                        gratitude,
                        urgent,
                        escalation,
                        category,
                        severity,
                        target,
                        results)
                .query(Long.class)
                .list());
        boolean[] fresh = new boolean[n];
        for (int k = 0; k < n; k++) {
            fresh[k] = stored.contains(ids[k]);
        }
        return fresh;
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
