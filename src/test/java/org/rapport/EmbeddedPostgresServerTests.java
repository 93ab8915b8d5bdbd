package org.rapport;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded default keeps its data across restarts and runs with durable commits. */
@Tag("embedded")
class EmbeddedPostgresServerTests {

    @Test
    void dataSurvivesARestartAndCommitsAreDurable(@TempDir Path dataDir) throws Exception {
        DatabaseProperties properties = new DatabaseProperties(null, null, null, dataDir, 5, 0, true, false);

        try (EmbeddedPostgres first = EmbeddedPostgresServer.boot(properties.embeddedDirectory(), properties);
                Connection connection = connect(first, properties)) {
            connection.createStatement().execute("CREATE TABLE kept (note TEXT)");
            connection.createStatement().execute("INSERT INTO kept VALUES ('still here')");
            try (ResultSet rs = connection.createStatement().executeQuery("SHOW synchronous_commit")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("on");
            }
        }

        try (EmbeddedPostgres second = EmbeddedPostgresServer.boot(properties.embeddedDirectory(), properties);
                Connection connection = connect(second, properties);
                ResultSet rs = connection.createStatement().executeQuery("SELECT note FROM kept")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("still here");
        }
        assertThat(dataDir.resolve("postgres/PG_VERSION")).content().startsWith("18");
    }

    static Connection connect(EmbeddedPostgres postgres, DatabaseProperties properties) throws Exception {
        return java.sql.DriverManager.getConnection(
                postgres.getJdbcUrl("postgres", "postgres"), "postgres", EmbeddedPostgresServer.password(properties));
    }

    @Test
    void onlyWhoKnowsTheSecretGetsIn(@TempDir Path dataDir) throws Exception {
        DatabaseProperties properties = new DatabaseProperties(null, null, null, dataDir, 5, 0, true, false);
        for (int start = 0; start < 2; start++) { // a fresh directory, then a restart on it
            try (EmbeddedPostgres postgres = EmbeddedPostgresServer.boot(properties.embeddedDirectory(), properties)) {
                String url = postgres.getJdbcUrl("postgres", "postgres");
                org.assertj.core.api.Assertions.assertThatThrownBy(
                                () -> java.sql.DriverManager.getConnection(url, "postgres", ""))
                        .isInstanceOf(java.sql.SQLException.class);
                org.assertj.core.api.Assertions.assertThatThrownBy(
                                () -> java.sql.DriverManager.getConnection(url, "postgres", "guess"))
                        .isInstanceOf(java.sql.SQLException.class);
                try (Connection connection = connect(postgres, properties)) {
                    assertThat(connection.isValid(2)).isTrue();
                }
            }
        }
        Path secret = EmbeddedPostgresServer.secretFile(properties.embeddedDirectory());
        assertThat(java.nio.file.Files.getPosixFilePermissions(secret))
                .containsExactlyInAnyOrder(
                        java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void aDatabaseInUseByAnotherProcessIsRefusedNotStopped(@TempDir Path dataDir) throws Exception {
        DatabaseProperties properties = new DatabaseProperties(null, null, null, dataDir, 5, 0, true, false);
        Path lockFile = EmbeddedPostgresServer.lockFile(
                properties.embeddedDirectory().toAbsolutePath().normalize());
        java.nio.file.Files.createDirectories(lockFile.getParent());
        try (var channel = java.nio.channels.FileChannel.open(
                        lockFile, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
                var held = channel.lock()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> EmbeddedPostgresServer.acquire(properties))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("in use by another Rapport process");
        }
        EmbeddedPostgresServer.acquire(properties);
        try {
            assertThat(lockFile).exists();
        } finally {
            EmbeddedPostgresServer.release(properties);
        }
        assertThat(lockFile).doesNotExist();
    }
}
