package org.rapport.agent;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.rapport.shared.AgentId;
import org.rapport.shared.TeamId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads agents and teams. */
@Service
@Transactional(readOnly = true)
public class AgentQueries {

    private static final String SELECT = """
            SELECT a.id, a.email, a.name, a.role, a.skills, a.capacity, a.presence, a.active, a.created_at,
                   ARRAY(SELECT m.team_id FROM agent_team_member m WHERE m.agent_id = a.id ORDER BY m.team_id) AS teams
            FROM agent a
            """;

    private final JdbcClient jdbc;

    AgentQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Agent> find(AgentId id) {
        return jdbc.sql(SELECT + " WHERE a.id = ?")
                .param(id.value())
                .query(this::row)
                .optional();
    }

    public Optional<Agent> findByEmail(String email) {
        return jdbc.sql(SELECT + " WHERE a.email = lower(?)")
                .param(email.trim())
                .query(this::row)
                .optional();
    }

    public List<Agent> all() {
        return jdbc.sql(SELECT + " ORDER BY a.id").query(this::row).list();
    }

    public boolean any() {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM agent)")
                .query(Boolean.class)
                .single();
    }

    public Optional<Team> team(TeamId id) {
        return jdbc.sql("SELECT id, name FROM agent_team WHERE id = ?")
                .param(id.value())
                .query((rs, n) -> new Team(
                        new TeamId(rs.getLong(1)),
                        rs.getString(2),
                        jdbc.sql("SELECT agent_id FROM agent_team_member WHERE team_id = ? ORDER BY agent_id")
                                .param(id.value())
                                .query((member, m) -> new AgentId(member.getLong(1)))
                                .list()))
                .optional();
    }

    public Optional<Team> teamByName(String name) {
        return teams().stream()
                .filter(t -> t.name().equalsIgnoreCase(name.trim()))
                .findFirst();
    }

    public List<Team> teams() {
        Map<Long, List<AgentId>> members = new HashMap<>();
        jdbc.sql("SELECT team_id, agent_id FROM agent_team_member ORDER BY agent_id")
                .query(rs -> {
                    members.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(new AgentId(rs.getLong(2)));
                });
        return jdbc.sql("SELECT id, name FROM agent_team ORDER BY id")
                .query((rs, n) -> new Team(
                        new TeamId(rs.getLong(1)),
                        rs.getString(2),
                        List.copyOf(members.getOrDefault(rs.getLong(1), List.of()))))
                .list();
    }

    private Agent row(ResultSet rs, int n) throws SQLException {
        Set<TeamId> teams = new LinkedHashSet<>();
        for (Long team : (Long[]) rs.getArray("teams").getArray()) {
            teams.add(new TeamId(team));
        }
        return new Agent(
                new AgentId(rs.getLong("id")),
                rs.getString("email"),
                rs.getString("name"),
                Role.valueOf(rs.getString("role")),
                teams,
                Arrays.asList((String[]) rs.getArray("skills").getArray()),
                rs.getInt("capacity"),
                Presence.valueOf(rs.getString("presence")),
                rs.getBoolean("active"),
                rs.getTimestamp("created_at").toInstant());
    }
}
