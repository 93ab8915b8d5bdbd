package org.rapport.web;

import java.nio.charset.StandardCharsets;
import org.rapport.files.BlobStore;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Stored files as downloads, never rendered: whatever a customer sent (HTML, SVG, a crafted PDF) must not
 * run in our origin.
 */
@Component
class Downloads {

    private final BlobStore blobs;

    Downloads(BlobStore blobs) {
        this.blobs = blobs;
    }

    ResponseEntity<InputStreamResource> of(String name, long size, String sha256) {
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .contentLength(size)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(name, StandardCharsets.UTF_8)
                                .build()
                                .toString())
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; sandbox")
                .body(new InputStreamResource(blobs.open(sha256)));
    }
}
