package org.rapport;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the data lives. With no {@code url} Rapport runs its own PostgreSQL under {@code dataDir}; with
 * one it uses that server (PostgreSQL 15 or newer). {@code ephemeral} (tests) puts the embedded server's
 * data in a fresh temporary directory shared by the whole JVM.
 */
@Validated
@ConfigurationProperties("rapport.db")
public record DatabaseProperties(
        String url,
        String user,
        String password,
        @DefaultValue("./data") Path dataDir,
        @DefaultValue("10") int poolSize,
        @DefaultValue("0") int embeddedPort,
        @DefaultValue("true") boolean synchronousCommit,
        boolean ephemeral) {

    public boolean embedded() {
        return url == null || url.isBlank();
    }

    public Path embeddedDirectory() {
        return dataDir.resolve("postgres");
    }
}
