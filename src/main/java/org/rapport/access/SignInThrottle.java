package org.rapport.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Slows down password guessing: after {@value #MAX_FAILURES} failed sign-ins for one account, or
 * {@value #MAX_FAILURES_PER_ADDRESS} from one network address, within {@link #WINDOW}, further attempts are
 * refused until the window has passed. Kept in memory: a restart forgets, which costs an attacker nothing
 * they could not get by waiting.
 */
@Component
public class SignInThrottle {

    static final int MAX_FAILURES = 5;
    static final int MAX_FAILURES_PER_ADDRESS = 30;
    static final Duration WINDOW = Duration.ofMinutes(15);

    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    SignInThrottle(Clock clock) {
        this.clock = clock;
    }

    /** How long the caller must wait before trying again, if at all. */
    public Optional<Duration> blockedFor(String account, String address) {
        Instant now = clock.instant();
        Optional<Duration> byAccount = blocked("account:" + normal(account), MAX_FAILURES, now);
        return byAccount.isPresent() ? byAccount : blocked("address:" + address, MAX_FAILURES_PER_ADDRESS, now);
    }

    public void failed(String account, String address) {
        Instant now = clock.instant();
        record("account:" + normal(account), now);
        record("address:" + address, now);
    }

    public void succeeded(String account) {
        failures.remove("account:" + normal(account));
    }

    private Optional<Duration> blocked(String key, int max, Instant now) {
        Deque<Instant> times = failures.get(key);
        if (times == null) {
            return Optional.empty();
        }
        synchronized (times) {
            prune(times, now);
            return times.size() >= max
                    ? Optional.of(Duration.between(now, times.peekFirst().plus(WINDOW)))
                    : Optional.empty();
        }
    }

    private void record(String key, Instant now) {
        if (failures.size() > 100_000) {
            failures.clear();
        }
        Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (times) {
            prune(times, now);
            if (times.size() < MAX_FAILURES_PER_ADDRESS) {
                times.addLast(now);
            }
        }
    }

    private static void prune(Deque<Instant> times, Instant now) {
        while (!times.isEmpty() && !times.peekFirst().plus(WINDOW).isAfter(now)) {
            times.removeFirst();
        }
    }

    private static String normal(String account) {
        return account == null ? "" : account.trim().toLowerCase(Locale.ROOT);
    }
}
