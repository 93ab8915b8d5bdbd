package org.rapport.agent;

import java.util.List;
import java.util.Set;
import org.rapport.shared.AgentId;
import org.rapport.shared.ConflictException;
import org.rapport.shared.EmailAddress;
import org.rapport.shared.InvalidValueException;
import org.rapport.shared.NotFoundException;
import org.rapport.shared.Tags;
import org.rapport.shared.TeamId;
import org.rapport.shared.Texts;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Changes agents and teams. */
@Service
@Transactional
public class AgentService {

    private final JdbcClient jdbc;
    private final AgentQueries queries;
    private final ApplicationEventPublisher events;

    AgentService(JdbcClient jdbc, AgentQueries queries, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.queries = queries;
        this.events = events;
    }

    public AgentId create(AgentDetails details) {
        if (details.email() == null || details.role() == null) {
            throw new InvalidValueException(
                    details.email() == null ? "email" : "role", "a new agent needs an email and a role");
        }
        EmailAddress email = EmailAddress.of(details.email());
        String name = Texts.line("name", details.name(), 200, true);
        try {
            long id = jdbc.sql("INSERT INTO agent (email, name, role) VALUES (?, ?, ?) RETURNING id")
                    .params(email.value(), name, details.role().name())
                    .query(Long.class)
                    .single();
            AgentId agent = new AgentId(id);
            apply(
                    agent,
                    new AgentDetails(
                            null, null, null, details.teams(), details.skills(), details.capacity(), details.active()));
            return agent;
        } catch (DuplicateKeyException e) {
            throw new ConflictException("an agent with " + email + " already exists");
        }
    }

    public void update(AgentId id, AgentDetails details) {
        requireAgent(id);
        if (details.email() != null) {
            try {
                jdbc.sql("UPDATE agent SET email = ? WHERE id = ?")
                        .params(EmailAddress.of(details.email()).value(), id.value())
                        .update();
            } catch (DuplicateKeyException e) {
                throw new ConflictException("another agent already has " + details.email());
            }
        }
        if (details.name() != null) {
            jdbc.sql("UPDATE agent SET name = ? WHERE id = ?")
                    .params(Texts.line("name", details.name(), 200, true), id.value())
                    .update();
        }
        if (details.role() != null) {
            jdbc.sql("UPDATE agent SET role = ? WHERE id = ?")
                    .params(details.role().name(), id.value())
                    .update();
        }
        apply(id, details);
    }

    public void setPresence(AgentId id, Presence presence) {
        Agent agent = requireAgent(id);
        if (agent.presence() != presence) {
            jdbc.sql("UPDATE agent SET presence = ? WHERE id = ?")
                    .params(presence.name(), id.value())
                    .update();
            events.publishEvent(new PresenceChanged(id, agent.presence(), presence));
        }
    }

    public TeamId createTeam(String name) {
        String teamName = Texts.line("name", name, 100, true);
        try {
            return new TeamId(jdbc.sql("INSERT INTO agent_team (name) VALUES (?) RETURNING id")
                    .param(teamName)
                    .query(Long.class)
                    .single());
        } catch (DuplicateKeyException e) {
            throw new ConflictException("a team named '" + teamName + "' already exists");
        }
    }

    public void renameTeam(TeamId id, String name) {
        String teamName = Texts.line("name", name, 100, true);
        try {
            if (jdbc.sql("UPDATE agent_team SET name = ? WHERE id = ?")
                            .params(teamName, id.value())
                            .update()
                    == 0) {
                throw new NotFoundException("Team", id.value());
            }
        } catch (DuplicateKeyException e) {
            throw new ConflictException("a team named '" + teamName + "' already exists");
        }
    }

    private void apply(AgentId id, AgentDetails details) {
        if (details.teams() != null) {
            setTeams(id, details.teams());
        }
        if (details.skills() != null) {
            jdbc.sql("UPDATE agent SET skills = ? WHERE id = ?")
                    .params(Tags.normalise(details.skills()).toArray(String[]::new), id.value())
                    .update();
        }
        if (details.capacity() != null) {
            if (details.capacity() < 0 || details.capacity() > 1000) {
                throw new InvalidValueException("capacity", "capacity must be between 0 and 1000 open tickets");
            }
            jdbc.sql("UPDATE agent SET capacity = ? WHERE id = ?")
                    .params(details.capacity(), id.value())
                    .update();
        }
        if (details.active() != null) {
            jdbc.sql("UPDATE agent SET active = ? WHERE id = ?")
                    .params(details.active(), id.value())
                    .update();
        }
    }

    private void setTeams(AgentId id, Set<TeamId> teams) {
        List<TeamId> known = queries.teams().stream().map(Team::id).toList();
        for (TeamId team : teams) {
            if (!known.contains(team)) {
                throw new InvalidValueException("teams", "team " + team.value() + " does not exist");
            }
        }
        jdbc.sql("DELETE FROM agent_team_member WHERE agent_id = ?")
                .param(id.value())
                .update();
        for (TeamId team : teams) {
            jdbc.sql("INSERT INTO agent_team_member (agent_id, team_id) VALUES (?, ?)")
                    .params(id.value(), team.value())
                    .update();
        }
    }

    private Agent requireAgent(AgentId id) {
        return queries.find(id).orElseThrow(() -> new NotFoundException("Agent", id.value()));
    }
}
