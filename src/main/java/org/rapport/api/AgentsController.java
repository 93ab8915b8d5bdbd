package org.rapport.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.rapport.access.ApiTokens;
import org.rapport.access.Caller;
import org.rapport.agent.Agent;
import org.rapport.agent.AgentDetails;
import org.rapport.agent.AgentQueries;
import org.rapport.agent.AgentService;
import org.rapport.agent.Presence;
import org.rapport.agent.Role;
import org.rapport.agent.Team;
import org.rapport.shared.AgentId;
import org.rapport.shared.NotFoundException;
import org.rapport.shared.TeamId;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Agents and teams. Everyone may read them; admins change them; an agent may set their own presence. */
@RestController
class AgentsController {

    private final AgentService agents;
    private final AgentQueries queries;
    private final ApiTokens tokens;
    private final Idempotency idempotency;

    AgentsController(AgentService agents, AgentQueries queries, ApiTokens tokens, Idempotency idempotency) {
        this.agents = agents;
        this.queries = queries;
        this.tokens = tokens;
        this.idempotency = idempotency;
    }

    record AgentJson(
            long id,
            String email,
            String name,
            Role role,
            List<@NotNull Long> teamIds,
            List<@NotNull String> skills,
            int capacity,
            Presence presence,
            boolean active,
            Instant createdAt) {

        static AgentJson of(Agent a) {
            return new AgentJson(
                    a.id().value(),
                    a.email(),
                    a.name(),
                    a.role(),
                    a.teams().stream().map(TeamId::value).toList(),
                    a.skills(),
                    a.capacity(),
                    a.presence(),
                    a.active(),
                    a.createdAt());
        }
    }

    record AgentRequest(
            String email,
            String name,
            Role role,
            List<@NotNull Long> teamIds,
            List<@NotNull String> skills,
            Integer capacity,
            Presence presence,
            Boolean active) {}

    record TeamJson(long id, String name, List<Long> memberIds) {
        static TeamJson of(Team t) {
            return new TeamJson(
                    t.id().value(),
                    t.name(),
                    t.members().stream().map(AgentId::value).toList());
        }
    }

    record TeamRequest(@NotNull String name) {}

    @GetMapping("/api/v1/agents")
    List<AgentJson> agents() {
        Requests.caller();
        return queries.all().stream().map(AgentJson::of).toList();
    }

    @GetMapping("/api/v1/agents/{id}")
    AgentJson agent(@PathVariable long id) {
        Requests.caller();
        return AgentJson.of(find(id));
    }

    @PostMapping("/api/v1/agents")
    ResponseEntity<?> create(
            @Valid @RequestBody AgentRequest request,
            @RequestHeader(value = Idempotency.HEADER, required = false) String key) {
        Caller caller = Requests.admin();
        return idempotency.run(caller, key, "POST /agents", request, () -> {
            AgentId id = agents.create(details(request));
            if (request.presence() != null) {
                agents.setPresence(id, request.presence());
            }
            return ResponseEntity.created(URI.create("/api/v1/agents/" + id.value()))
                    .body(AgentJson.of(find(id.value())));
        });
    }

    @PatchMapping("/api/v1/agents/{id}")
    AgentJson update(@PathVariable long id, @Valid @RequestBody AgentRequest request) {
        Caller caller = Requests.caller();
        find(id);
        boolean self = caller.agent().value() == id;
        boolean onlyPresence = request.email() == null
                && request.name() == null
                && request.role() == null
                && request.teamIds() == null
                && request.skills() == null
                && request.capacity() == null
                && request.active() == null;
        if (!caller.isAdmin() && !(self && onlyPresence)) {
            throw ApiException.adminOnly();
        }
        agents.update(new AgentId(id), details(request));
        if (request.presence() != null) {
            agents.setPresence(new AgentId(id), request.presence());
        }
        tokens.forgetCachedCallers();
        return AgentJson.of(find(id));
    }

    @GetMapping("/api/v1/teams")
    List<TeamJson> teams() {
        Requests.caller();
        return queries.teams().stream().map(TeamJson::of).toList();
    }

    @GetMapping("/api/v1/teams/{id}")
    TeamJson team(@PathVariable long id) {
        Requests.caller();
        return queries.team(new TeamId(id)).map(TeamJson::of).orElseThrow(() -> new NotFoundException("Team", id));
    }

    @PostMapping("/api/v1/teams")
    ResponseEntity<?> createTeam(
            @Valid @RequestBody TeamRequest request,
            @RequestHeader(value = Idempotency.HEADER, required = false) String key) {
        Caller caller = Requests.admin();
        return idempotency.run(caller, key, "POST /teams", request, () -> {
            TeamId id = agents.createTeam(request.name());
            return ResponseEntity.created(URI.create("/api/v1/teams/" + id.value()))
                    .body(TeamJson.of(queries.team(id).orElseThrow()));
        });
    }

    @PatchMapping("/api/v1/teams/{id}")
    TeamJson renameTeam(@PathVariable long id, @Valid @RequestBody TeamRequest request) {
        Requests.admin();
        agents.renameTeam(new TeamId(id), request.name());
        return queries.team(new TeamId(id)).map(TeamJson::of).orElseThrow();
    }

    private static AgentDetails details(AgentRequest request) {
        Set<TeamId> teams = request.teamIds() == null
                ? null
                : request.teamIds().stream().map(TeamId::new).collect(Collectors.toSet());
        return new AgentDetails(
                request.email(),
                request.name(),
                request.role(),
                teams,
                request.skills(),
                request.capacity(),
                request.active());
    }

    private Agent find(long id) {
        return queries.find(new AgentId(id)).orElseThrow(() -> new NotFoundException("Agent", id));
    }
}
