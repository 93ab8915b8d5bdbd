package org.rapport.web;

import java.util.List;
import org.rapport.shared.AgentId;
import org.rapport.shared.InvalidValueException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** An agent's own inbox views: a name for a query string. */
@Component
class SavedViews {

    static final int MAX_PER_AGENT = 30;

    record SavedView(long id, String name, String query) {}

    private final JdbcClient jdbc;

    SavedViews(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<SavedView> of(AgentId agent) {
        return jdbc.sql("SELECT id, name, query FROM web_saved_view WHERE agent_id = ? ORDER BY lower(name)")
                .param(agent.value())
                .query(SavedView.class)
                .list();
    }

    void save(AgentId agent, String name, InboxQuery query) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > 80) {
            throw new InvalidValueException("name", "A view needs a name of 1–80 characters.");
        }
        if (of(agent).size() >= MAX_PER_AGENT) {
            throw new InvalidValueException("name", "You have " + MAX_PER_AGENT + " views; delete one first.");
        }
        try {
            jdbc.sql("INSERT INTO web_saved_view (agent_id, name, query) VALUES (?, ?, ?)")
                    .params(agent.value(), trimmed, query.queryString())
                    .update();
        } catch (DuplicateKeyException e) {
            throw new InvalidValueException("name", "You already have a view called '" + trimmed + "'.");
        }
    }

    void delete(AgentId agent, long id) {
        jdbc.sql("DELETE FROM web_saved_view WHERE id = ? AND agent_id = ?")
                .params(id, agent.value())
                .update();
    }
}
