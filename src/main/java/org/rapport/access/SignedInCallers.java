package org.rapport.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.rapport.agent.Agent;
import org.rapport.agent.AgentQueries;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * The caller behind a signed-in browser session. Looked up by the session's email on each request (with a
 * short cache), so a changed role or team, or a deactivation, takes effect without signing in again.
 */
@Component
public class SignedInCallers {

    private static final Duration CACHE_FOR = Duration.ofSeconds(3);
    private static final Set<Scope> ALL_SCOPES = Set.of(Scope.READ, Scope.WRITE);

    private record Cached(Optional<Caller> caller, Instant until) {}

    private final AgentQueries agents;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    SignedInCallers(AgentQueries agents, Clock clock) {
        this.agents = agents;
        this.clock = clock;
    }

    public Optional<Caller> of(Authentication authentication) {
        if (authentication == null
                || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            return Optional.empty();
        }
        if (authentication.getPrincipal() instanceof Caller caller) {
            return Optional.of(caller);
        }
        String email = authentication.getName().toLowerCase(Locale.ROOT);
        Instant now = clock.instant();
        Cached cached = cache.get(email);
        if (cached != null && cached.until().isAfter(now)) {
            return cached.caller();
        }
        Optional<Caller> caller =
                agents.findByEmail(email).filter(Agent::active).map(SignedInCallers::caller);
        if (cache.size() > 10_000) {
            cache.clear();
        }
        cache.put(email, new Cached(caller, now.plus(CACHE_FOR)));
        return caller;
    }

    /** Forget cached callers, e.g. right after an admin changed an agent. */
    public void forget() {
        cache.clear();
    }

    static Caller caller(Agent agent) {
        return new Caller(agent.id(), agent.name(), agent.role(), agent.teams(), null, null, ALL_SCOPES);
    }
}
