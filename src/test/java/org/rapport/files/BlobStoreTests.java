package org.rapport.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.rapport.RapportTest;
import org.springframework.beans.factory.annotation.Autowired;

@RapportTest
class BlobStoreTests {

    @Autowired
    BlobStore blobs;

    @Autowired
    FilesProperties properties;

    @Test
    void storesOnceUnderItsHashAndLeavesNoTemporaryFile() throws IOException {
        byte[] content = ("blob " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        StoredBlob first = blobs.store(content);
        StoredBlob again = blobs.store(content);

        assertThat(again).isEqualTo(first);
        assertThat(first.sha256()).isEqualTo(BlobStore.sha256(content));
        assertThat(blobs.read(first.sha256())).isEqualTo(content);
        Path directory = fileOf(first).getParent();
        try (Stream<Path> files = Files.list(directory)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .filteredOn(name -> name.startsWith(first.sha256()))
                    .containsExactly(first.sha256());
        }
    }

    @Test
    void aDirectoryRemovedByHandIsMadeAgain() throws IOException {
        byte[] content = ("blob " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        StoredBlob stored = blobs.store(content);
        Path file = fileOf(stored);
        // The store remembers it made this directory; someone removes it (and the blob) by hand.
        deleteTree(file.getParent());

        // Same directory, other content: two hex digits of the hash pick the directory, so look for one.
        byte[] neighbour = neighbourOf(stored.sha256());
        StoredBlob other = blobs.store(neighbour);

        assertThat(fileOf(other).getParent()).isEqualTo(file.getParent());
        assertThat(blobs.read(other.sha256())).isEqualTo(neighbour);
    }

    @Test
    void temporaryFilesACrashLeftBehindAreSweptWhenTheDirectoryIsNextWritten() throws IOException {
        byte[] content = ("blob " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        StoredBlob first = blobs.store(content);
        Path directory = fileOf(first).getParent();
        Path stale = Files.writeString(directory.resolve(first.sha256() + ".0ld.part"), "half");
        Files.setLastModifiedTime(
                stale, java.nio.file.attribute.FileTime.from(Instant.now().minusSeconds(7200)));
        Path fresh = Files.writeString(directory.resolve(first.sha256() + ".n3w.part"), "being written");
        blobs.forgetDirectories(); // as after a restart

        blobs.store(neighbourOf(first.sha256()));

        assertThat(stale).doesNotExist();
        assertThat(fresh).exists();
        Files.delete(fresh);
    }

    private Path fileOf(StoredBlob blob) {
        return properties
                .directory()
                .toAbsolutePath()
                .normalize()
                .resolve(blob.sha256().substring(0, 2))
                .resolve(blob.sha256().substring(2, 4))
                .resolve(blob.sha256());
    }

    /** Content whose hash starts like {@code sha256}, so it lands in the same directory. */
    private static byte[] neighbourOf(String sha256) {
        for (int k = 0; ; k++) {
            byte[] candidate = ("neighbour " + UUID.randomUUID() + k).getBytes(StandardCharsets.UTF_8);
            if (BlobStore.sha256(candidate).startsWith(sha256.substring(0, 4))) {
                return candidate;
            }
        }
    }

    private static void deleteTree(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
