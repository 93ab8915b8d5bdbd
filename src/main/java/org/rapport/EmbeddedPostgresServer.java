package org.rapport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL 18 that Rapport runs when no database URL is given. One server per data
 * directory and JVM, shared by the Spring contexts of that JVM (tests, CLI tasks). Each context's
 * DataSource holds it; when the last one closes (after everything that used the database has shut
 * down), the server stops. A JVM shutdown hook would race the contexts' own shutdown, which still
 * needs the database.
 */
final class EmbeddedPostgresServer {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final Map<Path, Running> RUNNING = new HashMap<>();

    private record Running(EmbeddedPostgres postgres, boolean ephemeral, int users, FileChannel lock) {}

    private EmbeddedPostgresServer() {}

    /** The server for these properties, started if needed; pair every call with {@link #release}. */
    static synchronized EmbeddedPostgres acquire(DatabaseProperties properties) {
        Path directory = directory(properties);
        Running running = RUNNING.get(directory);
        if (running == null) {
            FileChannel lock = lock(directory);
            try {
                running = new Running(boot(directory, properties), properties.ephemeral(), 0, lock);
            } catch (RuntimeException e) {
                unlock(directory, lock);
                throw e;
            }
        }
        RUNNING.put(
                directory, new Running(running.postgres(), running.ephemeral(), running.users() + 1, running.lock()));
        return running.postgres();
    }

    static synchronized void release(DatabaseProperties properties) {
        Path directory = directory(properties);
        Running running = RUNNING.get(directory);
        if (running == null) {
            return;
        }
        if (running.users() > 1) {
            RUNNING.put(
                    directory,
                    new Running(running.postgres(), running.ephemeral(), running.users() - 1, running.lock()));
            return;
        }
        RUNNING.remove(directory);
        if (running.ephemeral()) {
            discard(directory);
        } else {
            try {
                running.postgres().close();
            } catch (IOException e) {
                log.warn("Could not stop the embedded PostgreSQL cleanly", e);
            }
        }
        unlock(directory, running.lock());
    }

    /**
     * Claims the data directory for this process. Another live Rapport holding it (the server, while an
     * admin runs a command) is refused with a clear message: its postgres would otherwise look orphaned
     * and be stopped under it. The operating system drops the claim when a process dies, however it dies.
     */
    private static FileChannel lock(Path directory) {
        Path file = lockFile(directory);
        try {
            Files.createDirectories(file.getParent());
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new IllegalStateException("The embedded database in " + directory
                        + " is in use by another Rapport process. Stop that process first, or do this through the"
                        + " running server (its API or admin pages).");
            }
            channel.truncate(0);
            channel.write(java.nio.ByteBuffer.wrap(
                    Long.toString(ProcessHandle.current().pid()).getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
            return channel;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not claim " + file, e);
        }
    }

    private static void unlock(Path directory, FileChannel lock) {
        try {
            lock.close();
            Files.deleteIfExists(lockFile(directory));
        } catch (IOException e) {
            log.debug("Could not remove the lock file of {}", directory, e);
        }
    }

    static Path lockFile(Path directory) {
        return directory.resolveSibling(directory.getFileName() + ".lock");
    }

    private static Path directory(DatabaseProperties properties) {
        return properties.ephemeral()
                ? Ephemeral.DIRECTORY
                : properties.embeddedDirectory().toAbsolutePath().normalize();
    }

    /** A throw-away server needs no orderly shutdown: kill it and remove its directory. */
    private static void discard(Path directory) {
        postmaster(directory).ifPresent(server -> {
            server.destroyForcibly();
            server.onExit()
                    .completeOnTimeout(server, 5, java.util.concurrent.TimeUnit.SECONDS)
                    .join();
        });
        try {
            org.springframework.util.FileSystemUtils.deleteRecursively(directory);
            Files.deleteIfExists(secretFile(directory));
        } catch (IOException e) {
            // Only a temporary directory is left behind.
        }
    }

    /** One throw-away data directory per JVM, for tests. */
    private static final class Ephemeral {
        static final Path DIRECTORY = create();

        private static Path create() {
            try {
                return Files.createTempDirectory("rapport-pg-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static EmbeddedPostgres boot(Path directory, DatabaseProperties properties) {
        try {
            Files.createDirectories(directory);
            stopOrphanedServer(directory);
            long started = System.nanoTime();
            Path hba = directory.resolve("pg_hba.conf");
            if (Files.exists(directory.resolve("PG_VERSION"))) {
                // zonky checks that the server is up by connecting without a password: open for the start.
                Files.writeString(hba, access("trust"));
            }
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(false)
                    .setPort(properties.embeddedPort())
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // zonky turns durable commits off by default; a help desk must not lose a reply.
                    .setServerConfig("synchronous_commit", properties.synchronousCommit() ? "on" : "off")
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("shared_buffers", "256MB")
                    .setServerConfig("max_wal_size", "2GB")
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setRegisterShutdownHook(false)
                    .start();
            lockDown(postgres, hba, secretFile(directory));
            log.info(
                    "Embedded PostgreSQL 18 started in {} ms on port {}, data in {}",
                    Duration.ofNanos(System.nanoTime() - started).toMillis(),
                    postgres.getPort(),
                    directory);
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + directory, e);
        }
    }

    /**
     * From here on only who knows the secret gets in: the postgres role gets a password kept in a file only
     * this operating-system user may read ({@code <data>/postgres.secret}), and every connection, over TCP
     * or the socket, needs it. The server was open (trust) for the moments of its start only.
     */
    private static void lockDown(EmbeddedPostgres postgres, Path hba, Path secretFile) throws IOException {
        String secret = secret(secretFile);
        try (java.sql.Connection connection = postgres.getPostgresDatabase().getConnection();
                java.sql.Statement statement = connection.createStatement()) {
            // The secret is hex from our own generator: nothing in it needs quoting.
            statement.execute("ALTER ROLE postgres PASSWORD '" + secret + "'");
            Files.writeString(hba, access("scram-sha-256"));
            statement.execute("SELECT pg_reload_conf()");
        } catch (java.sql.SQLException e) {
            throw new IOException("Could not protect the embedded PostgreSQL with a password", e);
        }
    }

    private static String access(String method) {
        return """
                # Written by Rapport at each start: connections need the password in postgres.secret.
                local   all             all                                     %1$s
                host    all             all             127.0.0.1/32            %1$s
                host    all             all             ::1/128                 %1$s
                local   replication     all                                     %1$s
                host    replication     all             127.0.0.1/32            %1$s
                host    replication     all             ::1/128                 %1$s
                """.formatted(method);
    }

    static Path secretFile(Path directory) {
        return directory.resolveSibling(directory.getFileName() + ".secret");
    }

    /** The embedded server's password: read, or made (random, 256 bits) and kept readable by this user only. */
    static String secret(Path file) throws IOException {
        if (Files.exists(file)) {
            String kept = Files.readString(file).strip();
            if (kept.matches("[0-9a-f]{64}")) {
                return kept;
            }
        }
        byte[] random = new byte[32];
        new java.security.SecureRandom().nextBytes(random);
        String secret = java.util.HexFormat.of().formatHex(random);
        Path temporary = file.resolveSibling(file.getFileName() + ".new");
        Files.deleteIfExists(temporary);
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(
                    temporary,
                    java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                            java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        }
        Files.writeString(temporary, secret + "\n");
        Files.move(
                temporary,
                file,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return secret;
    }

    /** The password the application connects with. */
    static String password(DatabaseProperties properties) {
        try {
            return secret(secretFile(directory(properties)));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("Cannot read the embedded PostgreSQL's password", e);
        }
    }

    /**
     * A JVM killed without its shutdown hook leaves its postgres running on our data directory; a new
     * start would fail on the lock. The directory is ours alone, so that server is ours to stop.
     */
    private static void stopOrphanedServer(Path directory) {
        postmaster(directory).ifPresent(orphan -> {
            log.warn("Stopping an orphaned embedded PostgreSQL (pid {}) left on {}", orphan.pid(), directory);
            orphan.destroy();
            orphan.onExit().orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join();
        });
    }

    /** The live postgres process that holds this data directory, if any. */
    private static java.util.Optional<ProcessHandle> postmaster(Path directory) {
        Path pidFile = directory.resolve("postmaster.pid");
        try {
            if (!Files.isRegularFile(pidFile)) {
                return java.util.Optional.empty();
            }
            long pid = Long.parseLong(
                    Files.readAllLines(pidFile).stream().findFirst().orElse("").trim());
            return ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(p ->
                            p.info().command().map(c -> c.contains("postgres")).orElse(false));
        } catch (IOException | NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }
}
