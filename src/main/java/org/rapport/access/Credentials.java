package org.rapport.access;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Locale;
import org.rapport.shared.AgentId;
import org.rapport.shared.InvalidValueException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Agents' passwords, stored only as slow salted hashes. */
@Service
@Transactional
public class Credentials {

    static final int MIN_LENGTH = 12;
    private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final JdbcClient jdbc;
    private final PasswordEncoder encoder;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    Credentials(JdbcClient jdbc, PasswordEncoder encoder, Clock clock) {
        this.jdbc = jdbc;
        this.encoder = encoder;
        this.clock = clock;
    }

    public void setPassword(AgentId agent, String email, String password, boolean mustChange) {
        check(email, password);
        jdbc.sql("""
                INSERT INTO access_credential (agent_id, password_hash, must_change, updated_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (agent_id) DO UPDATE SET password_hash = excluded.password_hash, must_change = excluded.must_change,
                  updated_at = excluded.updated_at""")
                .params(agent.value(), encoder.encode(password), mustChange, Timestamp.from(clock.instant()))
                .update();
    }

    public boolean matches(AgentId agent, String password) {
        return jdbc.sql("SELECT password_hash FROM access_credential WHERE agent_id = ?")
                .param(agent.value())
                .query(String.class)
                .optional()
                .map(hash -> encoder.matches(password, hash))
                .orElse(false);
    }

    /** The agent's own new password, checked by the same rules; clears the must-change mark. */
    public void change(AgentId agent, String password) {
        String email = jdbc.sql("SELECT email FROM agent WHERE id = ?")
                .param(agent.value())
                .query(String.class)
                .single();
        setPassword(agent, email, password, false);
    }

    /** Whether the agent signed in with a password that someone else set (first start, reset by an admin). */
    public boolean mustChange(String email) {
        return jdbc.sql("""
                        SELECT c.must_change FROM access_credential c JOIN agent a ON a.id = c.agent_id
                        WHERE a.email = lower(?)""").param(email).query(Boolean.class).optional().orElse(false);
    }

    public String generate() {
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }

    static void check(String email, String password) {
        if (password == null || password.length() < MIN_LENGTH || password.length() > 200) {
            throw new InvalidValueException("password", "a password has " + MIN_LENGTH + "–200 characters");
        }
        String local = email.substring(0, Math.max(0, email.indexOf('@'))).toLowerCase(Locale.ROOT);
        if (local.length() >= 4 && password.toLowerCase(Locale.ROOT).contains(local)) {
            throw new InvalidValueException("password", "a password must not contain the email address");
        }
        if (password.chars().distinct().count() < 5) {
            throw new InvalidValueException("password", "a password needs at least 5 different characters");
        }
    }
}
