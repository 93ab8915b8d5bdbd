package org.rapport.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rapport.agent.Agent;
import org.rapport.agent.AgentQueries;
import org.rapport.agent.Team;
import org.rapport.shared.AgentId;
import org.rapport.shared.TeamId;
import org.springframework.stereotype.Component;

/**
 * Names of agents and teams for the pages, and times as people read them. Agents and teams are few and
 * change rarely, so they are read once every few seconds, not once per row.
 */
@Component("directory")
class Directory {

    private static final Duration REFRESH = Duration.ofSeconds(5);
    private static final DateTimeFormatter EXACT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

    private record Snapshot(Map<Long, Agent> agents, Map<Long, Team> teams, Instant until) {}

    private final AgentQueries queries;
    private final Clock clock;
    private volatile Snapshot snapshot = new Snapshot(Map.of(), Map.of(), Instant.EPOCH);

    Directory(AgentQueries queries, Clock clock) {
        this.queries = queries;
        this.clock = clock;
    }

    List<Agent> agents() {
        return List.copyOf(current().agents().values());
    }

    List<Team> teams() {
        return List.copyOf(current().teams().values());
    }

    public String agentName(Object id) {
        Agent agent = id == null ? null : current().agents().get(value(id));
        return agent == null ? "" : agent.name();
    }

    public String teamName(Object id) {
        Team team = id == null ? null : current().teams().get(value(id));
        return team == null ? "" : team.name();
    }

    /** "5 min ago", "3 h ago", "2 d ago": how long someone has been waiting matters more than the hour. */
    public String ago(Instant at) {
        if (at == null) {
            return "";
        }
        Duration age = Duration.between(at, clock.instant());
        if (age.isNegative() || age.toMinutes() < 1) {
            return "just now";
        }
        if (age.toHours() < 1) {
            return age.toMinutes() + " min ago";
        }
        if (age.toDays() < 1) {
            return age.toHours() + " h ago";
        }
        return age.toDays() + " d ago";
    }

    public String exact(Instant at) {
        return at == null ? "" : EXACT.format(at.atZone(ZoneId.of("UTC")));
    }

    void refresh() {
        snapshot = new Snapshot(Map.of(), Map.of(), Instant.EPOCH);
    }

    private Snapshot current() {
        Snapshot now = snapshot;
        if (now.until().isAfter(clock.instant())) {
            return now;
        }
        Map<Long, Agent> agents = new LinkedHashMap<>();
        queries.all().forEach(a -> agents.put(a.id().value(), a));
        Map<Long, Team> teams = new LinkedHashMap<>();
        queries.teams().forEach(t -> teams.put(t.id().value(), t));
        now = new Snapshot(agents, teams, clock.instant().plus(REFRESH));
        snapshot = now;
        return now;
    }

    private static long value(Object id) {
        return switch (id) {
            case AgentId a -> a.value();
            case TeamId t -> t.value();
            case Number n -> n.longValue();
            default -> Long.parseLong(id.toString());
        };
    }
}
