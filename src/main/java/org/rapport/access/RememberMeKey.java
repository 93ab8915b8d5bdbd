package org.rapport.access;

import java.security.SecureRandom;
import java.util.HexFormat;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The per-install secret that signs remember-me cookies; made on first use and kept in the database. */
@Component
class RememberMeKey {

    private final JdbcClient jdbc;

    RememberMeKey(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    String get() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        jdbc.sql("INSERT INTO access_secret (id, secret) VALUES (1, ?) ON CONFLICT (id) DO NOTHING")
                .param(HexFormat.of().formatHex(bytes))
                .update();
        return jdbc.sql("SELECT secret FROM access_secret WHERE id = 1")
                .query(String.class)
                .single();
    }
}
