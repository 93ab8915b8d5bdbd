package org.rapport.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.rapport.shared.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Stores bytes under their SHA-256 on the local disk ({@code ab/cd/abcd…}). The file is written and
 * moved into place before its row is recorded, so a recorded blob is always readable.
 */
@Service
public class BlobStore {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final Path root;
    private final JdbcClient jdbc;
    private final Set<Path> knownDirectories = ConcurrentHashMap.newKeySet();

    BlobStore(FilesProperties properties, JdbcClient jdbc) {
        this.root = properties.directory().toAbsolutePath().normalize();
        this.jdbc = jdbc;
    }

    public StoredBlob store(byte[] content) {
        String sha256 = sha256(content);
        Path target = pathOf(sha256);
        try {
            if (!Files.exists(target)) {
                write(target, content);
            } else {
                // Someone wrote it, maybe a moment ago and not yet durable (a concurrent writer between
                // its rename and its directory sync, or an earlier attempt whose sync failed).
                syncDirectory(target.getParent());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not store a blob in " + root, e);
        }
        jdbc.sql("INSERT INTO files_blob (sha256, size) VALUES (?, ?) ON CONFLICT (sha256) DO NOTHING")
                .params(sha256, content.length)
                .update();
        return new StoredBlob(sha256, content.length);
    }

    /**
     * Writes to a file of its own in the target's directory, forces it to disk, renames it into place and
     * forces the directory: callers acknowledge receipt (SMTP 250) once this returns. A directory made
     * once is remembered, which spares two system calls per blob on the mail path.
     */
    private void write(Path target, byte[] content) throws IOException {
        Path directory = target.getParent();
        if (!knownDirectories.contains(directory)) {
            // Each new directory's name is durable only once its parent is synced.
            Path first = directory.getParent();
            if (!Files.isDirectory(first)) {
                Files.createDirectories(first);
                syncDirectory(first.getParent());
            }
            if (!Files.isDirectory(directory)) {
                Files.createDirectories(directory);
                syncDirectory(first);
            } else {
                sweep(directory);
            }
            knownDirectories.add(directory);
        }
        Path temp = directory.resolve(target.getFileName() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".part");
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        } catch (NoSuchFileException e) {
            // The directory went away under us (removed by hand): make it again, once.
            if (!knownDirectories.remove(directory)) {
                throw e;
            }
            write(target, content);
            return;
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        try {
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        // The rename itself is on disk only once its directory is: a crash after the 250 must not lose
        // the file's name.
        syncDirectory(directory);
    }

    /**
     * Removes temporary files a crash left behind in {@code directory}, the first time this process writes
     * there: an hour old is long past any write in progress.
     */
    private static void sweep(Path directory) {
        Instant before = Instant.now().minus(Duration.ofHours(1));
        try (DirectoryStream<Path> parts = Files.newDirectoryStream(directory, "*.part")) {
            for (Path part : parts) {
                if (Files.getLastModifiedTime(part).toInstant().isBefore(before)) {
                    Files.deleteIfExists(part);
                }
            }
        } catch (IOException e) {
            // Only tidying: the write goes on.
        }
    }

    /** For tests: forget which directories were made or swept. */
    void forgetDirectories() {
        knownDirectories.clear();
    }

    private static void syncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (java.nio.file.AccessDeniedException e) {
            // Windows cannot open a directory to sync it; there the rename is durable with the file.
        }
    }

    public Optional<StoredBlob> find(String sha256) {
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT sha256, size FROM files_blob WHERE sha256 = ?")
                .param(sha256)
                .query((rs, n) -> new StoredBlob(rs.getString(1), rs.getLong(2)))
                .optional();
    }

    public InputStream open(String sha256) {
        StoredBlob blob = find(sha256).orElseThrow(() -> new NotFoundException("File", sha256));
        try {
            return Files.newInputStream(pathOf(blob.sha256()));
        } catch (IOException e) {
            throw new UncheckedIOException("Blob " + sha256 + " is recorded but cannot be read", e);
        }
    }

    public byte[] read(String sha256) {
        try (InputStream in = open(sha256)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path pathOf(String sha256) {
        return root.resolve(sha256.substring(0, 2))
                .resolve(sha256.substring(2, 4))
                .resolve(sha256);
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
